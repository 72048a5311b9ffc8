package cn.henan.skillshub.settlement;

import cn.henan.skillshub.kafka.KafkaConnection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
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
 * The consumer of the settlement service: its own consumer factory (so the application's other Kafka settings
 * never change it), {@code read_committed} so an aborted source batch is never paid from, offsets committed only
 * after the ledger transaction of each poll has committed (at-least-once delivery, made exactly-once in effect by
 * the ce_id table). Switched off with {@code skillshub.settlement.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "skillshub.settlement.enabled", havingValue = "true", matchIfMissing = true)
class SettlementConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SettlementConfiguration.class);

    @Bean
    SettlementMembership settlementMembership(DataSource ledger,
                                              @Value("${skillshub.settlement.group-id}") String groupId,
                                              @Value("${skillshub.settlement.group-instance-id:}") String instanceId) {
        return new SettlementMembership(ledger, groupId, instanceId);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> settlementListenerFactory(
            KafkaConnection kafka,
            ParkedEvents parked,
            SettlementMembership membership,
            @Value("${skillshub.settlement.group-id}") String groupId,
            @Value("${skillshub.settlement.concurrency:2}") int concurrency,
            @Value("${skillshub.settlement.retries:5}") int retries) {
        Map<String, Object> config = new HashMap<>(kafka.committedReaderConfig("skills-hub-settlement"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // A new group starts from the beginning: the topics keep every fact the subsidy is paid from.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Static membership (design decision 54): a restarted instance rejoins under the same name and gets its
        // partitions back without waiting for its dead predecessor's session to time out. The container adds the
        // consumer thread's index (-0, -1, ...), so the threads of one instance never share a name either.
        membership.groupInstanceId().ifPresent(id -> config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));

        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.setConcurrency(concurrency);
        // A poll's records reach the listener together and are applied in one ledger transaction (design decision
        // 48); the poll's offsets are committed when the listener returns (ack mode BATCH), after that commit.
        factory.setBatchListener(true);
        // Kafka refusing the consumer (a login, a group ACL) stops no container: it tries again after a pause.
        factory.getContainerProperties().setAuthExceptionRetryInterval(kafka.deniedRetryInterval());
        // A failure that is not the event's fault (database away, a constraint hit by a race) is retried; the
        // transaction is re-run from scratch each time. Only when retries are exhausted is the record parked; if
        // even parking fails (database down) the record is not skipped but retried again. The listener names the
        // failed record of a poll (BatchListenerFailedException): the offsets before it are committed, it and the
        // rest are polled again.
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retries);
        backOff.setInitialInterval(500);
        backOff.setMultiplier(2);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler errors = new DefaultErrorHandler((record, e) -> {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.error("event at {}-{}@{} failed {} times: {}", record.topic(), record.partition(), record.offset(),
                    retries + 1, cause.toString());
            parked.park(record, SettlementListener.header(castRecord(record), "ce_id"),
                    SettlementListener.header(castRecord(record), "ce_type"), ParkReason.PROCESSING_FAILED,
                    cause.getClass().getSimpleName());
        }, backOff);
        factory.setCommonErrorHandler(errors);
        return factory;
    }

    @SuppressWarnings("unchecked")
    private static org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> castRecord(
            org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record) {
        return (org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>) record;
    }
}
