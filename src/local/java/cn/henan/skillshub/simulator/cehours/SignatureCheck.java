package cn.henan.skillshub.simulator.cehours;

import cn.henan.skillshub.sources.rest.HmacRequestSignature;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the registry checks a signed request ({@link HmacRequestSignature} defines the scheme): the app key is
 * known, the timestamp within 5 minutes of the registry's clock, the nonce not seen within that window, the
 * signature right. The first failure is the answer, as a short reason for the 401.
 */
public class SignatureCheck {

    static final Duration WINDOW = Duration.ofMinutes(5);

    private final String appKey;
    private final String secret;
    private final Clock clock;
    /** Nonces seen, with when; forgotten once older than the window, when a stale timestamp is refused anyway. */
    private final Map<String, Long> seenNonces = new LinkedHashMap<>();

    public SignatureCheck(String appKey, String secret, Clock clock) {
        this.appKey = appKey;
        this.secret = secret;
        this.clock = clock;
    }

    /** Null when the request is accepted, else why not. */
    public synchronized String refusal(String method, String path, String rawQuery, String givenAppKey,
                                       String timestamp, String nonce, String signature) {
        if (givenAppKey == null || timestamp == null || nonce == null || signature == null) {
            return "missing signature headers";
        }
        if (!givenAppKey.equals(appKey)) {
            return "unknown app key";
        }
        long now = clock.millis();
        long at;
        try {
            at = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "timestamp is not epoch milliseconds";
        }
        if (Math.abs(now - at) > WINDOW.toMillis()) {
            return "stale timestamp";
        }
        String expected = HmacRequestSignature.sign(secret,
                HmacRequestSignature.canonicalString(method, path, rawQuery, timestamp, nonce));
        if (!HmacRequestSignature.matches(expected, signature)) {
            return "bad signature";
        }
        forgetOldNonces(now);
        if (seenNonces.putIfAbsent(nonce, now) != null) {
            return "replayed nonce";
        }
        return null;
    }

    private void forgetOldNonces(long now) {
        Iterator<Map.Entry<String, Long>> oldest = seenNonces.entrySet().iterator();
        while (oldest.hasNext() && now - oldest.next().getValue() > 2 * WINDOW.toMillis()) {
            oldest.remove();
        }
    }
}
