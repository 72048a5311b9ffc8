package cn.henan.skillshub.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Gives the test JVM an exchange schema of its own, fixed for its lifetime, so test runs never see each other. */
public class TestSchemaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String SCHEMA = "realname_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("test-exchange-schema", Map.of("skillshub.sources.realname.schema", SCHEMA)));
        // Camel refuses a routes-include-pattern whose directory is missing: the watched one of the tests
        // (application-test.properties) exists, empty until a test copies a route file into it.
        try {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/watched-routes"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
