package cn.henan.skillshub.sources.cehours;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.publishing.KafkaConnection;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hours of each training certificate the hub has published, read back from {@code skills.training.v1}
 * ({@code completed} events, {@code read_committed}).
 *
 * <p>Why the topic and not a table: the topic is already the hub's record of every completion, kept forever
 * (retention -1), and reading it {@code read_committed} sees exactly the completions whose transactions
 * committed — a table written beside the publish would be a second write that can disagree with Kafka after a
 * crash. The lookup is in memory (a certificate number and a number of hours each: tens of MB for millions),
 * filled on first use and brought up to date whenever a certificate is not found, so a completion published
 * before the registration is read is always seen.
 */
@Component
public class TrainingCertificateHours {

    private static final Logger log = LoggerFactory.getLogger(TrainingCertificateHours.class);
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(30);

    private final KafkaConnection kafka;
    private final Map<String, BigDecimal> hoursByCertificate = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;

    TrainingCertificateHours(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    /** The training hours of this certificate, if the hub has published its completion. */
    public synchronized Optional<BigDecimal> hoursOf(String trainingCertificateNo) {
        BigDecimal hours = hoursByCertificate.get(trainingCertificateNo);
        if (hours == null) {
            catchUp();
            hours = hoursByCertificate.get(trainingCertificateNo);
        }
        return Optional.ofNullable(hours);
    }

    /** Reads the topic up to its last stable offset now: every completion committed before this call. */
    private void catchUp() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(kafka.committedReaderConfig("skills-hub-training-certificate-hours"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRAINING).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(Topics.TRAINING + " not read to its end within " + CATCH_UP_LIMIT);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                remember(record);
            }
        }
    }

    private void remember(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null || record.value() == null
                || !EventType.TRAINING_COMPLETED.ceType().equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        try {
            JsonNode data = EventJson.mapper().readTree(record.value());
            JsonNode certificate = data.get("trainingCertificateNo");
            JsonNode hours = data.get("totalHours");
            if (certificate != null && hours != null) {
                hoursByCertificate.put(certificate.asText(), hours.decimalValue());
            }
        } catch (IOException e) {
            log.warn("{} at {}-{}: a completion cannot be read ({}); its certificate is not cross-checked",
                    Topics.TRAINING, record.partition(), record.offset(), e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
