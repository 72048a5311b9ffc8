package cn.henan.skillshub.support;

import cn.henan.skillshub.SkillsHubApplication;
import cn.henan.skillshub.simulator.SimulatorsConfiguration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole hub against real parts: the in-JVM KRaft broker of spring-kafka-test, the PostgreSQL server on
 * 127.0.0.1:5432, and the source simulators on the hub's own web server (HTTP) and a free port (SFTP), imported from
 * src/local as the hub's jar never has them. Every test class with this annotation shares one application context (and so one broker);
 * each test tells its own records apart by the run tag of the simulator that wrote them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(classes = SkillsHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ActiveProfiles("test")
@Import({SimulatorsConfiguration.class, ExchangeSchemaForTests.class})
@ContextConfiguration(initializers = TestSchemaInitializer.class)
public @interface HubIntegrationTest {
}
