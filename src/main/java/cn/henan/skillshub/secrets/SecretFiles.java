package cn.henan.skillshub.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The {@code *_FILE} convention of Docker's official images: for a setting of the hub such as
 * {@code SKILLSHUB_PERSON_KEY_SECRET}, {@code SKILLSHUB_PERSON_KEY_SECRET_FILE=/run/secrets/person-key-secret} makes
 * the content of that file its value (one trailing line break dropped), ahead of every other source of settings.
 * Applies to the hub's own variables ({@link #PREFIXES}); {@code SKILLSHUB_API_KEYS_FILE} is the API key file,
 * which the hub re-reads when it changes (api/ApiKeyStore), so it is left to that.
 *
 * <p>A file that does not exist, cannot be read or is empty refuses the start with a message that names the
 * variable and the path; the content is never printed.
 */
public class SecretFiles implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "secretFiles";
    static final List<String> PREFIXES = List.of("SKILLSHUB_", "KAFKA_", "HUB_JDBC_", "REALNAME_JDBC_",
            "EVALUATION_SFTP_", "EVAL_BODY_", "CE_REGISTRY_", "SIMULATOR_", "SPRING_", "DELIVERY_");
    private static final String SUFFIX = "_FILE";
    private static final String RELOADED = "SKILLSHUB_API_KEYS_FILE";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> secrets = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
                continue;
            }
            for (String name : enumerable.getPropertyNames()) {
                if (!name.endsWith(SUFFIX) || name.equals(RELOADED) || secrets.containsKey(target(name))
                        || PREFIXES.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                Object path = environment.getProperty(name);
                if (path != null && !path.toString().isBlank()) {
                    secrets.put(target(name), read(name, path.toString().strip()));
                }
            }
        }
        if (!secrets.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, secrets));
        }
    }

    static String read(String setting, String path) {
        Path file = Path.of(path);
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(setting + " names " + path + ", which does not exist or cannot be read;"
                    + " create the secret file or unset " + setting);
        }
        if (content.endsWith("\n")) {
            content = content.substring(0, content.length() - 1);
            if (content.endsWith("\r")) {
                content = content.substring(0, content.length() - 1);
            }
        }
        if (content.isBlank()) {
            throw new IllegalStateException(setting + " names " + path + ", which is empty; put the secret in it");
        }
        return content;
    }

    private static String target(String name) {
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /** After the configuration files are read, so a _FILE set in one of them counts too. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
