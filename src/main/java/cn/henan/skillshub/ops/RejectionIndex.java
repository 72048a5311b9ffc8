package cn.henan.skillshub.ops;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.RecordRejected;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.kafka.KafkaConnection;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Indexes every reject of {@code skills.hub.rejected.v1} in the table {@code ops_rejection}, as a
 * {@code read_committed} consumer group: a reject whose batch was aborted is never indexed. At least once, and
 * the insert is idempotent (the reject's id is its key), so a redelivery changes nothing. While the database is
 * down the consumer waits and retries; a record that is not a reject is logged and skipped.
 */
@Component
class RejectionIndex implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RejectionIndex.class);

    private final JdbcTemplate jdbc;
    private final KafkaMessageListenerContainer<String, byte[]> container;

    RejectionIndex(KafkaConnection kafka, JdbcTemplate jdbc,
                   @Value("${skillshub.ops.rejections.group-id:skills-hub-ops-rejections}") String groupId) {
        this.jdbc = jdbc;
        Map<String, Object> config = kafka.committedReaderConfig("skills-hub-ops-rejections");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ContainerProperties properties = new ContainerProperties(Topics.REJECTED);
        properties.setMessageListener((MessageListener<String, byte[]>) this::index);
        properties.setAuthExceptionRetryInterval(kafka.deniedRetryInterval());
        this.container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), properties);
        container.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(2000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        container.setBeanName("opsRejectionIndex");
    }

    /** Started with the other lifecycle beans, once the ops tables and the topics exist. */
    @Override
    public void start() {
        container.start();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    void index(ConsumerRecord<String, byte[]> record) {
        RecordRejected reject;
        String id;
        String sourceSystem;
        try {
            CloudEvent event = cn.henan.skillshub.events.EventEnvelope.fromRecord(record);
            id = event.getId();
            sourceSystem = event.getSource().toString();
            reject = EventJson.mapper().readValue(event.getData().toBytes(), RecordRejected.class);
        } catch (IOException | RuntimeException e) {
            log.warn("{} partition {} offset {}: not a reject the index can read ({}); skipped", record.topic(),
                    record.partition(), record.offset(), e.getClass().getSimpleName());
            return;
        }
        jdbc.update("INSERT INTO ops_rejection (id, source_id, source_system, position, reason, message, record,"
                        + " rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (id) DO NOTHING",
                id, reject.sourceId(), sourceSystem, reject.position(),
                reject.reasonCode() == null ? "UNKNOWN" : reject.reasonCode().name(), reject.message(),
                json(reject.record()), Timestamp.from(reject.rejectedAt() != null ? reject.rejectedAt()
                        : java.time.Instant.ofEpochMilli(record.timestamp())));
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value == null ? Map.of() : value);
        } catch (IOException e) {
            throw new IllegalStateException("a reject's record cannot be written as JSON", e);
        }
    }

    @Override
    public void stop() {
        container.stop();
    }
}
