package cn.henan.skillshub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Issues an API key: the key goes to standard error (hand it to its holder, once: it is stored nowhere), the entry
 * the hub keeps (the key's SHA-256) to standard output, so it can be appended to the key file. Uses the JDK alone,
 * so it runs from a fresh clone with no build:
 *
 * <pre>
 * java src/main/java/cn/henan/skillshub/api/IssueApiKey.java henan-platform PLATFORM &gt;&gt; secrets/api-keys
 * java src/main/java/cn/henan/skillshub/api/IssueApiKey.java zhengzhou-hrss AUDITOR 410100 &gt;&gt; secrets/api-keys
 * </pre>
 *
 * The hub re-reads {@code SKILLSHUB_API_KEYS_FILE} when it changes: the key works within a second, and deleting its
 * line revokes it. {@link ApiKeys} checks the same format.
 */
public final class IssueApiKey {

    private static final String ROLES = "PLATFORM|OPS|AUDITOR";

    private IssueApiKey() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3 || !args[0].matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
                || !args[1].matches("(" + ROLES + ")(\\+(" + ROLES + "))*")
                || (args.length == 3 && !args[2].matches("\\d{6}"))) {
            System.err.println("usage: IssueApiKey <name> <ROLE[+ROLE]> [city code, e.g. 410100]"
                    + "   roles: PLATFORM, OPS, AUDITOR");
            System.exit(2);
        }
        String key = newKey();
        String entry = args[0] + ":" + args[1] + ":" + sha256(key) + (args.length == 3 ? ":" + args[2] : "");
        System.err.println("API key for " + args[0] + " (give it to them; it is stored nowhere): " + key);
        System.out.println(entry);
    }

    /** 32 random bytes, URL-safe: safe in a header, a shell variable and a file. */
    static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "skh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
