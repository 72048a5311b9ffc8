package cn.henan.skillshub.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.SkillsHubApplication;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.simulator.SimulatorsConfiguration;
import cn.henan.skillshub.support.ExchangeSchemaForTests;
import cn.henan.skillshub.support.ExchangeSchemaForTests.Simulators;
import cn.henan.skillshub.support.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The end-to-end case of the real-name source against a Kafka and a PostgreSQL container, for machines with
 * Docker (skipped, not failed, where there is none).
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = SkillsHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({SimulatorsConfiguration.class, ExchangeSchemaForTests.class})
class RealNameContainersIntegrationTests {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

    @Container
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:15");

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
        registry.add("skillshub.sources.realname.jdbc.url", POSTGRES::getJdbcUrl);
        registry.add("skillshub.sources.realname.jdbc.username", POSTGRES::getUsername);
        registry.add("skillshub.sources.realname.jdbc.password", POSTGRES::getPassword);
        registry.add("skillshub.sources.realname.schema", () -> "realname_containers");
    }

    @Autowired
    Simulators simulators;

    @Test
    void everyRowBecomesOneEventOrOneRejectOnContainers() {
        RealNameSimulator simulator = simulators.create("Q7TC", 3, 0.2);
        ExpectedOutcomes expected = simulator.openClasses();
        expected.add(simulator.write(200));
        TopicReader reader = new TopicReader(KAFKA.getBootstrapServers());
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            long events = reader.readAll(Topics.TRAINING).stream()
                    .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("Q7TC")).count();
            long rejects = reader.readAll(Topics.REJECTED).stream()
                    .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("Q7TC")).count();
            assertThat(events).isEqualTo(expected.totalEvents());
            assertThat(rejects).isEqualTo(expected.totalRejects());
        });
    }
}
