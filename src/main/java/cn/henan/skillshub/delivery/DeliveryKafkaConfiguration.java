package cn.henan.skillshub.delivery;

import cn.henan.skillshub.kafka.KafkaConnection;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The camel-kafka component of the delivery routes ({@code deliveryKafka:<topic>?…}): its clients reach the
 * brokers as every other client of the hub does ({@link KafkaConnection}: addresses, TLS, SASL), read committed
 * records only and never commit by themselves. The manual-commit factory is set explicitly: without one,
 * camel-kafka 4.18 gives a {@code KafkaManualCommit} whose {@code commit()} does nothing (its no-op commit manager).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryKafkaConfiguration {

    static final String COMPONENT = "deliveryKafka";

    @Bean(COMPONENT)
    KafkaComponent deliveryKafka(KafkaConnection connection) {
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers(connection.bootstrapServers());
        configuration.setAdditionalProperties(connection.deliveryConsumerConfig());
        KafkaComponent component = new KafkaComponent();
        component.setConfiguration(configuration);
        component.setKafkaManualCommitFactory(new DefaultKafkaManualCommitFactory());
        return component;
    }
}
