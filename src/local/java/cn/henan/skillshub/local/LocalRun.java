package cn.henan.skillshub.local;

import cn.henan.skillshub.SkillsHubApplication;
import cn.henan.skillshub.simulator.SimulatorsApplication;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The local default, {@code mvn spring-boot:run}: the broker (unless {@code KAFKA_BOOTSTRAP_SERVERS} names one),
 * the simulators and the hub, in this order, in one JVM and one command.
 *
 * <ul>
 * <li>The broker is {@code kafka/broker.sh} as a child process ({@link LocalKafkaBroker}); it starts while the
 *     simulators do, and the hub starts once it is ready.</li>
 * <li>The simulators are their own Spring Boot application ({@link SimulatorsApplication}, port 8081 and SFTP on
 *     2222), as in docker-compose: the hub reaches them over HTTP and SFTP as it would reach the real systems, and
 *     its own web server serves nothing but the hub. They start first: their SFTP server writes the
 *     {@code known_hosts} the hub's route trusts, and the real-name simulator creates the exchange schema.</li>
 * <li>The hub is {@link SkillsHubApplication} with profile {@code local} ({@code application-local.properties}:
 *     where the broker, the databases and the simulators are, and the well-known local secrets and API keys).</li>
 * </ul>
 * Command-line arguments go to the hub. On Ctrl-C the hub closes first, then the simulators, then the broker: no
 * Kafka client is left waiting on a broker that has gone.
 */
public final class LocalRun {

    private static final Logger log = LoggerFactory.getLogger(LocalRun.class);
    /**
     * Both contexts share the JVM's one logging system, set up by the first to start: no application name in the
     * lines (it would be the simulators' on the hub's lines too; the logger names tell them apart), and no shutdown
     * handler stopping it before the simulators and the broker are stopped.
     */
    private static final String[] SHARED = {"logging.include-application-name=false",
            "logging.register-shutdown-hook=false"};

    private LocalRun() {
    }

    public static void main(String[] args) {
        String bootstrapServers = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        LocalKafkaBroker broker = bootstrapServers == null || bootstrapServers.isBlank()
                ? new LocalKafkaBroker(Path.of("").toAbsolutePath(), port(System.getenv("KAFKA_PORT")))
                : null;
        Stopping stopping = new Stopping(broker);
        // Runs after the contexts Spring Boot closes itself (the hub's), on Ctrl-C as on System.exit. Spring Boot's
        // own handler that stops the logging system is switched off (SHARED), else it might run first and swallow
        // what the simulators and the broker say as they stop.
        SpringApplication.getShutdownHandlers().add(stopping);
        try {
            CompletableFuture<Void> brokerReady = broker == null
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(broker::start, task -> daemon("local-kafka-broker-start", task));
            if (broker == null) {
                log.info("KAFKA_BOOTSTRAP_SERVERS={}: using that broker, starting none", bootstrapServers);
            }
            stopping.simulators = SimulatorsApplication.application()
                    .main(SimulatorsApplication.class)
                    .properties(SHARED)
                    .bannerMode(Banner.Mode.OFF)
                    .registerShutdownHook(false) // closed by Stopping, after the hub
                    .run();
            brokerReady.join();
            new SpringApplicationBuilder(SkillsHubApplication.class)
                    .main(SkillsHubApplication.class)
                    .properties(SHARED)
                    .initializers(context -> context.getBeanFactory().registerSingleton(
                            TestConfigurationsOutOfScan.class.getName(), new TestConfigurationsOutOfScan()))
                    .profiles("local")
                    .run(args);
        } catch (CompletionException e) {
            log.error("The local run did not start: {}", e.getCause().getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            // Spring Boot has logged why; the shutdown handler closes what did start.
            log.error("The local run did not start: {}", e.getMessage());
            System.exit(1);
        }
    }

    private static int port(String configured) {
        return configured == null || configured.isBlank() ? 9092 : Integer.parseInt(configured.strip());
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * src/local is compiled into target/test-classes, so the tests' classes are on this classpath too; their
     * {@code @TestConfiguration}s (which a test context leaves out of its scan itself) stay out of the hub's.
     */
    private static final class TestConfigurationsOutOfScan extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
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

    /** What the local run started besides the hub, closed in order; safe to run more than once. */
    private static final class Stopping implements Runnable {

        private final LocalKafkaBroker broker;
        private volatile ConfigurableApplicationContext simulators;

        Stopping(LocalKafkaBroker broker) {
            this.broker = broker;
        }

        @Override
        public void run() {
            ConfigurableApplicationContext context = simulators;
            if (context != null && context.isActive()) {
                context.close();
            }
            if (broker != null) {
                broker.stop();
            }
        }
    }
}
