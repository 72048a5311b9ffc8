package cn.henan.skillshub.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys in force. From {@code SKILLSHUB_API_KEYS}, or from the key file {@code SKILLSHUB_API_KEYS_FILE}
 * (a Docker or Kubernetes secret, or a file an operator edits): the file is looked at again at most once a second
 * and re-read when it changed, so a key is added or revoked without a restart. A file that cannot be read or
 * parsed at start refuses the start; later, the keys in force stay and the error is logged, naming the entry but
 * never a hash.
 */
public final class ApiKeyStore {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyStore.class);
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    private final Path file;
    private volatile ApiKeys keys;
    private volatile FileTime readAt;
    private volatile long lookedAt;

    private ApiKeyStore(Path file, ApiKeys keys, FileTime readAt) {
        this.file = file;
        this.keys = keys;
        this.readAt = readAt;
        this.lookedAt = System.nanoTime();
    }

    static ApiKeyStore of(String inline, String keyFile) {
        if (keyFile == null || keyFile.isBlank()) {
            return new ApiKeyStore(null, ApiKeys.parse(inline), null);
        }
        Path file = Path.of(keyFile.strip());
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return new ApiKeyStore(file, ApiKeys.parse(Files.readString(file, StandardCharsets.UTF_8)), modified);
        } catch (IOException e) {
            throw new IllegalStateException("SKILLSHUB_API_KEYS_FILE names " + keyFile
                    + ", which does not exist or cannot be read");
        }
    }

    public Optional<ApiClient> authenticate(String presentedKey) {
        refreshIfChanged();
        return keys.authenticate(presentedKey);
    }

    public Set<String> clientNames() {
        return keys.clientNames();
    }

    /** Re-reads the key file if it changed since it was read; with no file, nothing. */
    void refreshIfChanged() {
        long now = System.nanoTime();
        if (file == null || now - lookedAt < LOOK_EVERY.toNanos()) {
            return;
        }
        synchronized (this) {
            if (now - lookedAt < LOOK_EVERY.toNanos()) {
                return;
            }
            lookedAt = now;
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.equals(readAt)) {
                    return;
                }
                ApiKeys read = ApiKeys.parse(Files.readString(file, StandardCharsets.UTF_8));
                keys = read;
                readAt = modified;
                log.info("API key file re-read: clients {}", read.clientNames());
            } catch (IOException | IllegalStateException e) {
                log.error("API key file {} not re-read ({}); the keys read before stay in force", file,
                        e instanceof IOException ? "cannot be read" : e.getMessage());
            }
        }
    }
}
