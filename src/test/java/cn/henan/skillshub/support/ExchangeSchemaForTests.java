package cn.henan.skillshub.support;

import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Creates the exchange schema of the test JVM before the routes poll it, and hands out simulators, the exchange
 * feeds and the HTTP client of the running hub.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ExchangeSchemaForTests {

    @Bean
    Simulators simulators(@Qualifier("exchangeDataSource") DataSource exchange, ReferenceData reference,
                          @Value("${skillshub.sources.realname.schema}") String schema) {
        Simulators simulators = new Simulators(exchange, reference, schema);
        simulators.create("SCHEMA", 0, 0).createSchema();
        return simulators;
    }

    public record Simulators(DataSource exchange, ReferenceData reference, String schema) {
        public RealNameSimulator create(String runTag, long seed, double badShare) {
            return new RealNameSimulator(exchange, schema, reference, seed, badShare, runTag);
        }
    }

    @Bean
    ExchangeFeeds exchangeFeeds(@Qualifier("exchangeDataSource") DataSource exchange, CheckpointStore checkpoints,
                                @Value("${skillshub.sources.realname.schema}") String schema) {
        return new ExchangeFeeds(exchange, checkpoints, schema);
    }

    /** Lazy: the random port is known only once the web server has started, after the singletons are made. */
    @Bean
    @Lazy
    HubApi hubApi(Environment environment) {
        return new HubApi(environment.getRequiredProperty("local.server.port", Integer.class));
    }
}
