package cn.henan.skillshub.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Where the broker is and how the hub's own clients talk to it. The production settings live here once:
 * transactions, {@code acks=all} and idempotence for every source producer, {@code read_committed} for readers.
 */
@Component
public class KafkaConnection {

    private final List<String> bootstrapServers;
    private final String transactionalIdPrefix;
    private final int lingerMs;
    private final int batchSizeBytes;

    KafkaConnection(KafkaProperties kafkaProperties,
                    @Value("${skillshub.kafka.transactional-id-prefix:skills-hub-}") String transactionalIdPrefix,
                    @Value("${skillshub.kafka.producer.linger-ms:10}") int lingerMs,
                    @Value("${skillshub.kafka.producer.batch-size-bytes:262144}") int batchSizeBytes) {
        this.bootstrapServers = kafkaProperties.getBootstrapServers();
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.lingerMs = lingerMs;
        this.batchSizeBytes = batchSizeBytes;
    }

    public String bootstrapServers() {
        return String.join(",", bootstrapServers);
    }

    /** One transactional id per source: a second instance polling the same source is fenced by Kafka itself. */
    public Map<String, Object> sourceProducerConfig(String sourceId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + sourceId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSizeBytes);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "skills-hub-source-" + sourceId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** A reader that sees committed transactions only, assigned partitions by hand (no group). */
    public Map<String, Object> committedReaderConfig(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /**
     * A producer outside any source's transaction (reference versions, the decisions of operators): idempotent,
     * {@code acks=all}, so a write acknowledged is a write kept.
     */
    public Map<String, Object> plainProducerConfig(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    public Map<String, Object> adminConfig() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }
}
