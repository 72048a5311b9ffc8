package cn.henan.skillshub.supervision;

import cn.henan.skillshub.kafka.KafkaConnection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The supervision consumer: its own consumer factory, {@code read_committed} (an aborted source batch is never a
 * fact), offsets committed after each event's database transaction (at-least-once delivery, exactly once in effect
 * by the ce_id table), one consumer thread (findings join persons across partitions, and are judged under one
 * lock). Switched off with {@code skillshub.supervision.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "skillshub.supervision.enabled", havingValue = "true", matchIfMissing = true)
class SupervisionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SupervisionConfiguration.class);

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> supervisionListenerFactory(
            KafkaConnection kafka, SupervisionMetrics metrics,
            @Value("${skillshub.supervision.group-id:skills-hub-supervision}") String groupId,
            @Value("${skillshub.supervision.retries:5}") int retries) {
        Map<String, Object> config = new HashMap<>(kafka.committedReaderConfig("skills-hub-supervision"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // A new group reads every fact from the beginning: the topics keep them all, findings are found again
        // with the same ids.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.setConcurrency(1);
        // Kafka refusing the consumer (a login, a group ACL) stops no container: it tries again after a pause.
        factory.getContainerProperties().setAuthExceptionRetryInterval(kafka.deniedRetryInterval());
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retries);
        backOff.setInitialInterval(500);
        backOff.setMultiplier(2);
        backOff.setMaxInterval(10_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler((record, e) -> {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            Throwable root = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
            String state = root instanceof java.sql.SQLException sql ? " SQLState " + sql.getSQLState() : "";
            log.error("supervision: event at {}-{}@{} failed {} times ({}{}); skipped and counted", record.topic(),
                    record.partition(), record.offset(), retries + 1, cause.getClass().getSimpleName(), state);
            metrics.event("failed");
        }, backOff));
        return factory;
    }
}
