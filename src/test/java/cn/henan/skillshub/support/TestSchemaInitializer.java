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
    }
}
