package cn.henan.skillshub.api;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Issues an API key: prints the key (hand it to its holder, once) and the configuration entry the hub keeps (its
 * hash). Run from the built jar:
 *
 * <pre>
 * java -cp target/skills-hub-0.1.0-SNAPSHOT.jar -Dloader.main=cn.henan.skillshub.api.IssueApiKey \
 *      org.springframework.boot.loader.launch.PropertiesLauncher provincial-platform PLATFORM
 * </pre>
 *
 * Append the entry to {@code SKILLSHUB_API_KEYS} and restart the hub. To revoke a key, remove its entry.
 */
public final class IssueApiKey {

    private IssueApiKey() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: IssueApiKey <name> <ROLE[+ROLE]>   roles: PLATFORM, OPS, AUDITOR");
            System.exit(2);
        }
        String key = newKey();
        String entry = args[0] + ":" + args[1] + ":" + ApiKeys.sha256(key);
        ApiKeys.parse(entry); // refuses a bad name or role before anyone configures it
        System.out.println("API key (give it to " + args[0] + "; it is not stored anywhere): " + key);
        System.out.println("Entry for SKILLSHUB_API_KEYS: " + entry);
    }

    /** 32 random bytes, URL-safe: safe in a header, a shell variable and a file. */
    static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "skh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
