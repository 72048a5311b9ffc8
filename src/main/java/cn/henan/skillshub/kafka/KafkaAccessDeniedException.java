package cn.henan.skillshub.kafka;

/**
 * Kafka refused the hub: its login failed (a wrong password, an unknown user, a TLS handshake that failed) or its
 * principal lacks an ACL. The message names what is missing — the principal, the resource and the operation to
 * grant, or the setting to check — and never a secret. Made by {@link KafkaConnection#explain}.
 */
public class KafkaAccessDeniedException extends RuntimeException {

    KafkaAccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
