package cn.henan.skillshub.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an HTTP push, which the receiver checks with the secret it shares with the hub:
 * {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of "<ce_id>.<X-Hub-Timestamp>.<body>">}. The event's id and the
 * time of sending are signed with the body, so a receiver can refuse a replayed push (an old timestamp) and a body
 * moved under another id.
 */
public final class PushSignature {

    public static final String SIGNATURE = "X-Hub-Signature";
    public static final String TIMESTAMP = "X-Hub-Timestamp";
    private static final String ALGORITHM = "HmacSHA256";

    private PushSignature() {
    }

    /** The header value, {@code sha256=<hex>}. */
    public static String sign(String secret, String ceId, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((ceId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** What a receiver does; compared in constant time. */
    public static boolean verify(String secret, String ceId, String timestamp, byte[] body, String given) {
        return given != null && ceId != null && timestamp != null && MessageDigest.isEqual(
                sign(secret, ceId, timestamp, body).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
