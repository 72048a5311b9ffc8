package cn.henan.skillshub.local;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Only the local default gets a broker of its own: any configured Kafka address switches it off. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${KAFKA_BOOTSTRAP_SERVERS:}'.isEmpty() and ${skillshub.local-broker.enabled:true}")
class LocalBrokerConfiguration {

    @Bean
    LocalKafkaBroker localKafkaBroker(
            // The same variables as kafka/broker.sh, so the script run by hand and the hub agree.
            @Value("${skillshub.local-broker.port:${KAFKA_PORT:9092}}") int port,
            @Value("${skillshub.local-broker.data-dir:${KAFKA_DATA_DIR:data/kafka}}") String dataDir,
            // Generous: the first start resolves the broker's jars with Maven, which may download them.
            @Value("${skillshub.local-broker.start-timeout:5m}") Duration startTimeout) {
        Path workDir = Path.of("").toAbsolutePath();
        return new LocalKafkaBroker(workDir, port, workDir.resolve(dataDir).normalize(), startTimeout);
    }
}
