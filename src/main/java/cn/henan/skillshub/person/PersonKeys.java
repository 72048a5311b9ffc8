package cn.henan.skillshub.person;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Derives the pseudonymous person key: {@code "pk-"} + hex of the first 16 bytes of HMAC-SHA256(secret, number).
 *
 * <p>Keyed rather than a plain hash because the space of ID numbers is small enough (area × birth date ×
 * sequence) to enumerate: an unkeyed SHA-256 of a number could be reversed by brute force, an HMAC cannot without
 * the secret. The same number and secret always give the same key, so a person's events share one Kafka partition
 * and downstream systems can join on it; rotating the secret re-keys everyone.
 *
 * <p>The secret is held only as a {@link SecretKeySpec}, never logged, and not part of {@link #toString()}.
 */
@Component
public class PersonKeys {

    static final int MIN_SECRET_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    // Mac instances are stateful and not thread-safe; one per thread avoids both contention and a provider
    // lookup per call on the ingest path.
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public PersonKeys(@Value("${skillshub.person.key-secret}") String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(
                    "skillshub.person.key-secret must be set and at least " + MIN_SECRET_LENGTH + " characters long");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        newMac(); // fail at start-up, not on the first record, if the JVM lacks the algorithm
    }

    /** The pseudonymous key of a person, e.g. {@code pk-3f0c…} (32 hex digits). */
    public String personKey(IdNumber id) {
        Objects.requireNonNull(id, "id");
        byte[] digest = macs.get().doFinal(id.value().getBytes(StandardCharsets.US_ASCII));
        return "pk-" + HEX.formatHex(digest, 0, KEY_BYTES);
    }

    /** Everything about a person the hub may publish, derived from the number in one place. */
    public PersonIdentity identify(IdNumber id) {
        Objects.requireNonNull(id, "id");
        return new PersonIdentity(personKey(id), id.masked(), id.birthMonth(), id.sex(), id.areaCode());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "PersonKeys[" + ALGORITHM + "]";
    }
}
