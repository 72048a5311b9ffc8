package cn.henan.skillshub.sources.rest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed-request scheme of the continuing-education hour registry, written down once for the hub (which
 * signs) and the registry's simulator (which checks). Headers:
 * <ul>
 *   <li>{@code X-App-Key}: the caller's app key;</li>
 *   <li>{@code X-Timestamp}: the time of signing, Unix epoch milliseconds; the registry refuses one more than
 *       5 minutes from its own clock, either way;</li>
 *   <li>{@code X-Nonce}: a random value used once; the registry refuses one it has seen within the window;</li>
 *   <li>{@code X-Signature}: Base64 (RFC 4648, padded) of HMAC-SHA256(app secret, UTF-8 canonical string).</li>
 * </ul>
 * The canonical string is five lines joined by {@code \n}, with no trailing newline:
 * <pre>
 * METHOD            upper case, e.g. GET
 * PATH              the request path exactly as sent, percent-encoded, e.g. /simulators/ce-registry/registrations
 * CANONICAL_QUERY   the query parameters sorted by name then value, each name and value percent-encoded as
 *                   RFC 3986 unreserved characters (A-Z a-z 0-9 - _ . ~ kept, space as %20, UTF-8), joined as
 *                   name=value with &amp;; empty when there is no query
 * TIMESTAMP         the X-Timestamp value
 * NONCE             the X-Nonce value
 * </pre>
 * The nonce is signed too, so a replay cannot simply swap in a fresh nonce.
 */
public final class HmacRequestSignature {

    public static final String APP_KEY = "X-App-Key";
    public static final String TIMESTAMP = "X-Timestamp";
    public static final String NONCE = "X-Nonce";
    public static final String SIGNATURE = "X-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private HmacRequestSignature() {
    }

    public static String canonicalString(String method, String path, String rawQuery, String timestamp, String nonce) {
        return method.toUpperCase(java.util.Locale.ROOT) + '\n' + path + '\n' + canonicalQuery(rawQuery) + '\n'
                + timestamp + '\n' + nonce;
    }

    public static String sign(String secret, String canonicalString) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return Base64.getEncoder().encodeToString(mac.doFinal(canonicalString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** Compares in constant time, so the answer's timing tells nothing about how much of a signature was right. */
    public static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** The query in canonical form; also the form the hub sends, so what is signed is what is sent. */
    public static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            pairs.add(new String[] {name, value});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder query = new StringBuilder();
        for (String[] pair : pairs) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(encode(pair[0])).append('=').append(encode(pair[1]));
        }
        return query.toString();
    }

    /** The canonical query of these parameters (nulls left out). */
    public static String canonicalQuery(Map<String, String> parameters) {
        StringBuilder raw = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null) {
                raw.append(raw.length() > 0 ? "&" : "").append(encode(name)).append('=').append(encode(value));
            }
        });
        return canonicalQuery(raw.toString());
    }

    /** RFC 3986 percent-encoding: URLEncoder's form encoding, with its three differences undone. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
