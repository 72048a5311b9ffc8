package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.CertificateRevoked;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventEnvelope;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.PaymentMode;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.reference.Level;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The settlement tests' own source: builds the canonical events a real source would publish and sends them with a
 * plain idempotent producer in the CloudEvents envelope. Every trainee has a fresh person key, so tests sharing the
 * broker and the ledger never see each other's claims.
 */
final class SettlementInputs implements AutoCloseable {

    static final String SOURCE = "/sources/settlement-tests";
    static final String ZHENGZHOU = "410100";

    private final KafkaProducer<String, byte[]> producer;

    SettlementInputs(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    static String newPersonKey() {
        return "pk-" + UUID.randomUUID().toString().replace("-", "");
    }

    RecordMetadata send(CanonicalEvent event) {
        return send(EventEnvelope.toRecord(event));
    }

    /** Sends the events together (one flush), so the consumer is likely to read them in one poll. */
    List<RecordMetadata> sendTogether(CanonicalEvent... events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (CanonicalEvent event : events) {
            sent.add(producer.send(EventEnvelope.toRecord(event)));
        }
        producer.flush();
        List<RecordMetadata> metadata = new ArrayList<>();
        for (Future<RecordMetadata> one : sent) {
            try {
                metadata.add(one.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return metadata;
    }

    RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** A trainee of one occupation and level, with sensible defaults for everything the subsidy looks at. */
    static final class Trainee {
        String personKey = newPersonKey();
        String tag = personKey.substring(3, 15);
        String occupationCode;
        Level level;
        BigDecimal hours;
        LocalDate completedOn = LocalDate.of(2025, 6, 10);
        LocalDate certificateIssuedOn = LocalDate.of(2025, 6, 20);
        PaymentMode paymentMode = PaymentMode.INSTITUTION_ADVANCE;
        String institutionName = "郑州大学";
        String institutionCityCode = ZHENGZHOU;
        Set<ComplianceFlag> completionFlags = EnumSet.noneOf(ComplianceFlag.class);
        Set<ComplianceFlag> certificateFlags = EnumSet.noneOf(ComplianceFlag.class);
        int enrolments;

        Trainee(String occupationCode, Level level, int hours) {
            this.occupationCode = occupationCode;
            this.level = level;
            this.hours = BigDecimal.valueOf(hours);
        }

        /** The same person as {@code other} (for claims at several levels of one person). */
        void personKeyOf(Trainee other) {
            this.personKey = other.personKey;
            this.tag = other.tag;
        }

        String enrolmentNo() {
            return "BM-" + tag + "-" + level + "-" + enrolments;
        }

        String certificateNo() {
            return "ZS-" + tag + "-" + level;
        }

        /** A completion of a new enrolment (each call is another training of the same person). */
        CanonicalEvent completion() {
            enrolments++;
            BigDecimal online = hours.divide(BigDecimal.valueOf(4));
            TrainingCompleted data = new TrainingCompleted(enrolmentNo(), personKey, "410***********123X", "1990-05",
                    "BJ-" + tag, institutionName, institutionCityCode, occupationCode, level, paymentMode,
                    completedOn.minusDays(30), completedOn, "PX-" + tag + "-" + level + "-" + enrolments, online,
                    hours.subtract(online), hours, completedOn.plusDays(5), completionFlags);
            String subject = "completion/" + enrolmentNo();
            return new CanonicalEvent(EventType.TRAINING_COMPLETED, CanonicalEvent.idOf(SOURCE, subject, "1"), SOURCE,
                    subject, OffsetDateTime.now(ZoneOffset.UTC), personKey, data);
        }

        CanonicalEvent certificate() {
            CertificateIssued data = new CertificateIssued(certificateNo(), personKey, "410***********123X", "1990-05",
                    "河南省人工智能学会评价中心", occupationCode, level, certificateIssuedOn, certificateFlags);
            String subject = "certificate/" + certificateNo();
            return new CanonicalEvent(EventType.CERTIFICATE_ISSUED, CanonicalEvent.idOf(SOURCE, subject, "issued"),
                    SOURCE, subject, OffsetDateTime.now(ZoneOffset.UTC), personKey, data);
        }

        CanonicalEvent revocation() {
            CertificateRevoked data = new CertificateRevoked(certificateNo(), personKey, "河南省人工智能学会评价中心",
                    occupationCode, level, certificateIssuedOn.plusDays(40), "考核舞弊");
            String subject = "certificate/" + certificateNo();
            return new CanonicalEvent(EventType.CERTIFICATE_REVOKED, CanonicalEvent.idOf(SOURCE, subject, "revoked"),
                    SOURCE, subject, OffsetDateTime.now(ZoneOffset.UTC), personKey, data);
        }
    }
}
