package cn.henan.skillshub.delivery;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventEnvelope;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.PaymentMode;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.reference.Level;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Subsidy decisions as the settlement's relay publishes them ({@code skills.subsidy.decided.v1}, enveloped by
 * {@link EventEnvelope}), written by a test straight to the decisions topic under its own person keys and claim ids,
 * each in a Kafka transaction as the settlement's relay writes them.
 */
final class DecisionEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    DecisionEvents(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-decisions-" + java.util.UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    static CanonicalEvent decision(long claimId, String personKey, String city, OffsetDateTime decidedAt, int amount) {
        SubsidyDecided decided = new SubsidyDecided(claimId, SubsidyDecided.Decision.APPROVED, List.of(), personKey,
                "4-04-05-04", Level.JUNIOR, "E" + claimId, "T" + claimId, "C" + claimId, "2024", 80,
                new BigDecimal("80"), amount, PaymentMode.TRAINEE_DIRECT, SubsidyDecided.PayeeType.TRAINEE, personKey,
                city, List.of(CanonicalEvent.idOf("/test", "claim/" + claimId, "1")), decidedAt, Set.of());
        return new CanonicalEvent(EventType.SUBSIDY_DECIDED,
                CanonicalEvent.idOf("/settlement", "claim/" + claimId, decidedAt.toString()), "/settlement",
                "claim/" + claimId, decidedAt, personKey, decided);
    }

    /** In a transaction of its own, as the relay publishes: the partition then ends with a commit marker. */
    void publish(CanonicalEvent event) {
        try {
            producer.beginTransaction();
            producer.send(EventEnvelope.toRecord(event)).get(30, TimeUnit.SECONDS);
            producer.commitTransaction();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
