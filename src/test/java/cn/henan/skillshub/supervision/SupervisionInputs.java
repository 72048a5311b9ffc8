package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.AssessmentResultRecorded;
import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.CeHoursCancelled;
import cn.henan.skillshub.events.CeHoursCategory;
import cn.henan.skillshub.events.CeHoursRegistered;
import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.EventEnvelope;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.PaymentMode;
import cn.henan.skillshub.events.TraineeCategory;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.events.TrainingEnrolled;
import cn.henan.skillshub.events.TrainingHoursRecorded;
import cn.henan.skillshub.events.TrainingPlanFiled;
import cn.henan.skillshub.person.Sex;
import cn.henan.skillshub.reference.Level;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The supervision tests' own sources: the canonical events the three source systems would publish, sent with a
 * plain idempotent producer in the CloudEvents envelope. Every test person has a fresh person key. 人工智能 (2-02-10-09)
 * junior: Annex 3 requires 64 hours.
 */
final class SupervisionInputs implements AutoCloseable {

    static final String REALNAME = "/sources/supervision-tests-realname";
    static final String EVALUATION = "/sources/supervision-tests-evaluation";
    static final String CE_REGISTRY = "/sources/supervision-tests-ce";
    static final String AI = "2-02-10-09";
    static final String MASKED = "410***********123X";

    private final KafkaProducer<String, byte[]> producer;

    SupervisionInputs(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    static String newPersonKey() {
        return "pk-" + UUID.randomUUID().toString().replace("-", "");
    }

    static String tag(String personKey) {
        return personKey.substring(3, 15);
    }

    void send(CanonicalEvent... events) {
        for (CanonicalEvent event : events) {
            try {
                producer.send(EventEnvelope.toRecord(event)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    private static CanonicalEvent event(EventType type, String source, String subject, String version, String key,
                                        Object data) {
        return new CanonicalEvent(type, CanonicalEvent.idOf(source, subject, version), source, subject,
                OffsetDateTime.now(ZoneOffset.UTC), key, data);
    }

    static CanonicalEvent plan(String classNo, LocalDate startsOn, LocalDate endsOn, int totalHours) {
        TrainingPlanFiled data = new TrainingPlanFiled(classNo, "PL-" + classNo, "郑州大学", "410100", AI, null,
                Level.JUNIOR, startsOn.minusDays(20), startsOn, endsOn, BigDecimal.valueOf(totalHours),
                BigDecimal.valueOf(totalHours / 4), Set.of());
        return event(EventType.TRAINING_PLAN_FILED, REALNAME, "class/" + classNo, "1", "class/" + classNo, data);
    }

    static CanonicalEvent enrolment(String personKey, String enrolmentNo, String classNo, LocalDate startsOn) {
        TrainingEnrolled data = new TrainingEnrolled(enrolmentNo, personKey, MASKED, "1990-05", Sex.MALE, classNo,
                "PL-" + classNo, "郑州大学", "410100", AI, Level.JUNIOR, PaymentMode.INSTITUTION_ADVANCE,
                startsOn.minusDays(3), startsOn, Set.of(), TraineeCategory.EMPLOYED_DIGITAL_ECONOMY, null, null, true);
        return event(EventType.TRAINING_ENROLLED, REALNAME, "enrolment/" + enrolmentNo, "1", personKey, data);
    }

    static CanonicalEvent hours(String personKey, String enrolmentNo, String classNo, int total, int courseTotal) {
        BigDecimal online = BigDecimal.valueOf(total / 4);
        TrainingHoursRecorded data = new TrainingHoursRecorded(enrolmentNo, personKey, classNo, online,
                BigDecimal.valueOf(total).subtract(online), BigDecimal.valueOf(total), BigDecimal.valueOf(courseTotal),
                Set.of());
        return event(EventType.TRAINING_HOURS_RECORDED, REALNAME, "hours/" + enrolmentNo, "1", personKey, data);
    }

    static CanonicalEvent completion(String personKey, String enrolmentNo, String classNo, String certificateNo,
                                     LocalDate completedOn, LocalDate listReportedOn, String version) {
        TrainingCompleted data = new TrainingCompleted(enrolmentNo, personKey, MASKED, "1990-05", classNo, "郑州大学",
                "410100", AI, Level.JUNIOR, PaymentMode.INSTITUTION_ADVANCE, completedOn.minusDays(30), completedOn,
                certificateNo, BigDecimal.valueOf(16), BigDecimal.valueOf(48), BigDecimal.valueOf(64), listReportedOn,
                Set.of());
        return event(EventType.TRAINING_COMPLETED, REALNAME, "completion/" + enrolmentNo, version, personKey, data);
    }

    static CanonicalEvent certificate(String personKey, String certificateNo, LocalDate issuedOn) {
        CertificateIssued data = new CertificateIssued(certificateNo, personKey, MASKED, "1990-05",
                "河南省人工智能学会评价中心", AI, Level.JUNIOR, issuedOn, Set.of());
        return event(EventType.CERTIFICATE_ISSUED, EVALUATION, "certificate/" + certificateNo, "1", personKey, data);
    }

    static CanonicalEvent result(String personKey, String resultId, LocalDate assessedOn) {
        AssessmentResultRecorded data = new AssessmentResultRecorded(resultId, personKey, MASKED,
                "河南省人工智能学会评价中心", AI, Level.JUNIOR, assessedOn, BigDecimal.valueOf(82), true,
                BigDecimal.valueOf(75), true);
        return event(EventType.ASSESSMENT_RESULT_RECORDED, EVALUATION, "result/" + resultId, "1", personKey, data);
    }

    static CanonicalEvent registration(String personKey, String registrationId, int year, String certificateNo) {
        CeHoursRegistered data = new CeHoursRegistered(registrationId, personKey, year, CeHoursCategory.PROFESSIONAL,
                BigDecimal.valueOf(64), certificateNo, "REGISTERED", Set.of());
        return event(EventType.CE_HOURS_REGISTERED, CE_REGISTRY, "registration/" + registrationId, "1", personKey,
                data);
    }

    static CanonicalEvent cancellation(String personKey, String registrationId, int year) {
        CeHoursCancelled data = new CeHoursCancelled(registrationId, personKey, year, LocalDate.of(year, 12, 1),
                "重复登记");
        return event(EventType.CE_HOURS_CANCELLED, CE_REGISTRY, "cancellation/" + registrationId, "1", personKey,
                data);
    }
}
