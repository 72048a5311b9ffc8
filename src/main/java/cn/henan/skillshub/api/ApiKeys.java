package cn.henan.skillshub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The configured API keys, held only as SHA-256 hashes: the hub can check a key but never tell one.
 *
 * <p>Configuration ({@code skillshub.security.api-keys}, env {@code SKILLSHUB_API_KEYS}, or the key file
 * {@code SKILLSHUB_API_KEYS_FILE}, see {@link ApiKeyStore}): entries separated by commas or line breaks, each
 * {@code name:ROLE[+ROLE]:sha256hex[:city]}, e.g. {@code provincial-platform:PLATFORM:9f86d0…} or
 * {@code zhengzhou-hrss:AUDITOR:3b1f…:410100}; a line beginning with {@code #} is a comment. {@link IssueApiKey}
 * makes a key and its entry.
 *
 * <p>Why a fast hash and not bcrypt: the keys are 256-bit random strings, not passwords a person chose, so no
 * dictionary applies and a slow hash would only cost CPU on every request (Prometheus scrapes, the console's
 * refresh). This is how GitHub and others store their tokens.
 */
public final class ApiKeys {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CITY = Pattern.compile("\\d{6}");

    private final Map<String, ApiClient> byHash;

    private ApiKeys(Map<String, ApiClient> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /** Parses the configuration; a malformed entry stops start-up with a message naming it (never a hash). */
    public static ApiKeys parse(String config) {
        Map<String, ApiClient> byHash = new LinkedHashMap<>();
        Set<String> names = new java.util.HashSet<>();
        List<String> entries = config == null ? List.of()
                : Arrays.stream(config.split("[,\\n]")).map(String::strip)
                        .filter(e -> !e.isEmpty() && !e.startsWith("#")).toList();
        for (String entry : entries) {
            String[] parts = entry.split(":");
            String name = parts[0].strip();
            if (parts.length < 3 || parts.length > 4 || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("skillshub.security.api-keys: entry '" + name
                        + "' is not of the form name:ROLE[+ROLE]:sha256hex[:city]");
            }
            String city = parts.length == 4 ? parts[3].strip() : null;
            if (city != null && !CITY.matcher(city).matches()) {
                throw new IllegalStateException("skillshub.security.api-keys: entry '" + name + "' has city '" + city
                        + "'; a city is its six-digit code, e.g. 410100");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : parts[1].split("\\+")) {
                try {
                    roles.add(Role.valueOf(role.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("skillshub.security.api-keys: entry '" + name + "' has role '"
                            + role + "'; the roles are " + Arrays.toString(Role.values()));
                }
            }
            String hash = parts[2].strip().toLowerCase(java.util.Locale.ROOT);
            if (!SHA256_HEX.matcher(hash).matches()) {
                throw new IllegalStateException("skillshub.security.api-keys: entry '" + name
                        + "' needs the key's SHA-256 as 64 hex digits");
            }
            if (!names.add(name) || byHash.putIfAbsent(hash, new ApiClient(name, roles, city)) != null) {
                throw new IllegalStateException("skillshub.security.api-keys: entry '" + name
                        + "' repeats a name or a key");
            }
        }
        return new ApiKeys(byHash);
    }

    /** The client holding this key, if any. */
    public Optional<ApiClient> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 256) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256(presentedKey.strip())));
    }

    public Set<String> clientNames() {
        return byHash.values().stream().map(ApiClient::name).collect(Collectors.toUnmodifiableSet());
    }

    static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Roles as a set, for tests and messages. */
    static Set<Role> roles(Role... roles) {
        return roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(List.of(roles));
    }
}
