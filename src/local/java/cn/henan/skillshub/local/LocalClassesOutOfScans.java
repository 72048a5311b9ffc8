package cn.henan.skillshub.local;

import java.util.List;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the classes of {@code src/local} (packages {@code simulator} and {@code local}) out of every component
 * scan. They share the hub's root package, so without this the hub's {@code @SpringBootApplication} would pick them
 * up wherever they are on the classpath (tests, the local run, the benchmark). A context gets the simulators only by
 * importing {@link cn.henan.skillshub.simulator.SimulatorsConfiguration}.
 *
 * <p>Registered in {@code src/local/resources/META-INF/spring.factories}, so it applies wherever these classes are
 * and nowhere else; Spring Boot's {@code TypeExcludeFilter} consults the filter bean it registers.
 */
public class LocalClassesOutOfScans implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton(Filter.class.getName(), new Filter());
    }

    static final class Filter extends TypeExcludeFilter {

        private static final List<String> PACKAGES = List.of("cn.henan.skillshub.simulator.",
                "cn.henan.skillshub.local.");

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            String name = reader.getClassMetadata().getClassName();
            return PACKAGES.stream().anyMatch(name::startsWith);
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
