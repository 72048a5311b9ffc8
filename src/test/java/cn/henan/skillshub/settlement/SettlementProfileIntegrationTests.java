package cn.henan.skillshub.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.SkillsHubApplication;
import cn.henan.skillshub.support.TestSchemaInitializer;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The settlement service as production runs it on its own: {@code SPRING_PROFILES_ACTIVE=settlement}
 * (application-settlement.properties). It starts, with no Camel route at all, and its consumer runs. An empty
 * {@code camel.main.routes-include-pattern} alone made Camel look for a route file named "" and the service
 * failed at start.
 */
@CamelSpringBootTest
@SpringBootTest(classes = SkillsHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// A broker of its own, under a system property of its own: the suite's shared context reads
// spring.kafka.bootstrap-servers from the system properties too, and must not be pointed at this one.
@EmbeddedKafka(kraft = true, partitions = 3, bootstrapServersProperty = "skillshub.test.settlement-profile.brokers")
@TestPropertySource(properties = "spring.kafka.bootstrap-servers=${skillshub.test.settlement-profile.brokers}")
@ActiveProfiles({"test", "settlement"})
// Closed after its test: its consumer, relay and held-claims rechecks share the test database with the suite's.
@DirtiesContext
@ContextConfiguration(initializers = TestSchemaInitializer.class)
class SettlementProfileIntegrationTests {

    @Autowired
    private CamelContext camel;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void theSettlementProfileStartsTheServiceAloneWithNoRoutes() {
        assertThat(camel.getRoutes()).isEmpty();
        assertThat(listeners.getListenerContainer("subsidy-settlement")).isNotNull();
        assertThat(listeners.getListenerContainer("subsidy-settlement").isRunning()).isTrue();
    }
}
