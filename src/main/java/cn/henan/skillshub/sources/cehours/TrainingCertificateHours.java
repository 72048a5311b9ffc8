package cn.henan.skillshub.sources.cehours;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.kafka.KafkaConnection;
import cn.henan.skillshub.kafka.TopicLog;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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

    private final Map<String, BigDecimal> hoursByCertificate = new HashMap<>();
    private final TopicLog completions;

    TrainingCertificateHours(KafkaConnection kafka) {
        this.completions = new TopicLog(kafka, Topics.TRAINING, "skills-hub-training-certificate-hours");
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
        completions.readToEnd(this::remember, CATCH_UP_LIMIT);
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
        completions.close();
    }
}
