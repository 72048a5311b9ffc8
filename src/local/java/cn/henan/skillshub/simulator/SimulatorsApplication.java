package cn.henan.skillshub.simulator;

import cn.henan.skillshub.reference.ReferenceData;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The simulators as a process of their own: every source system the hub's routes point at, on port 8081 (HTTP)
 * and 2222 (SFTP), with the settings of {@code simulators.properties}. docker-compose's {@code simulator} service
 * runs it on the hub's jar (Dockerfile, target {@code simulators}); the local run starts it beside the hub.
 *
 * <p>None of the hub's components: no routes, no Kafka, no ledger. The hub's reference data (the catalogue the
 * simulated systems draw from) is the one part of the hub it uses.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {FlywayAutoConfiguration.class, KafkaAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class},
        excludeName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@Import(SimulatorsConfiguration.class)
public class SimulatorsApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Its own configuration file, so none of the hub's application.properties applies. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SimulatorsApplication.class).properties("spring.config.name=simulators");
    }

    @Bean
    ReferenceData referenceData() {
        return new ReferenceData();
    }

    /** The real-name system's exchange database, which its simulator writes and the trainee roster reads. */
    @Bean
    DataSource exchangeDataSource(@Value("${skillshub.simulator.realname.jdbc.url}") String url,
                                  @Value("${skillshub.simulator.realname.jdbc.username}") String username,
                                  @Value("${skillshub.simulator.realname.jdbc.password:}") String password) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("realname-simulator");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(username);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }
}
