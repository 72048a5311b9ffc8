package cn.henan.skillshub.simulator.cehours;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.simulator.http.FaultInjector;
import cn.henan.skillshub.simulator.http.PagedRecords;
import cn.henan.skillshub.simulator.realname.SimulatedPeople;
import cn.henan.skillshub.simulator.trainees.CompletedTrainee;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The continuing-education hour registry (继续教育学时登记) and its registrations: 公需 (general) hours, 专业
 * (professional) hours registered from a training certificate, and now and then a registration cancelled.
 * Seeded, so the same seed gives the same registrations; a share is wrong on purpose, one of each reject kind.
 */
public class CeRegistrySimulator {

    private record Registration(String id, String idNumber, int year) {
    }

    /** Hours registered from a training certificate, under this registration id. */
    /** @param registrations how many registrations name the certificate: 1, or 2 when it is registered again */
    public record TrainingRegistration(String registrationId, BigDecimal hours, int registrations) {
    }

    private final Random random;
    private final SimulatedPeople people;
    private final double badShare;
    private final PagedRecords records = new PagedRecords("registration_id");
    private final FaultInjector faults = new FaultInjector();
    private final List<Registration> registered = new ArrayList<>();
    private final ExpectedOutcomes written = new ExpectedOutcomes();
    private final long seed;
    private long sequence;

    public CeRegistrySimulator(long seed, double badShare) {
        this.seed = seed;
        this.random = new Random(seed);
        this.people = new SimulatedPeople(random);
        this.badShare = badShare;
    }

    public FaultInjector faults() {
        return faults;
    }

    PagedRecords records() {
        return records;
    }

    public synchronized ExpectedOutcomes written() {
        ExpectedOutcomes copy = new ExpectedOutcomes();
        copy.add(written);
        return copy;
    }

    /** Writes {@code count} records whose registration ids start with {@code tag}; returns what the hub should see. */
    public synchronized ExpectedOutcomes write(int count, String tag) {
        ExpectedOutcomes expected = new ExpectedOutcomes();
        for (int i = 0; i < count; i++) {
            if (random.nextDouble() < badShare) {
                writeBad(tag, expected);
            } else if (random.nextInt(10) == 0 && registered.stream().anyMatch(r -> r.id().startsWith("DJ" + tag))) {
                // A run cancels only its own registrations, so each run's records tell their own story.
                List<Registration> ofRun = registered.stream().filter(r -> r.id().startsWith("DJ" + tag)).toList();
                Registration r = ofRun.get(random.nextInt(ofRun.size()));
                registered.remove(r);
                cancel(r.id(), r.idNumber(), r.year(), LocalDate.of(r.year(), 12, 1), "重复登记");
                expected.event(EventType.CE_HOURS_CANCELLED);
            } else {
                String idNumber = person();
                boolean professional = random.nextBoolean();
                int year = 2025;
                String id = register(tag, idNumber, year, professional ? "专业" : "公需",
                        BigDecimal.valueOf(professional ? 24 + random.nextInt(48) : 10 + random.nextInt(20)),
                        professional ? "PXZ-EXT-" + String.format("%07d", random.nextInt(10_000_000)) : null);
                registered.add(new Registration(id, idNumber, year));
                expected.event(EventType.CE_HOURS_REGISTERED);
            }
        }
        written.add(expected);
        return expected;
    }

    /**
     * Registers hours from a training certificate, as a test of the cross-check needs: the hub flags the
     * registration when the certificate's training gave fewer hours than {@code hours}.
     */
    public synchronized String registerFromCertificate(String tag, String idNumber, BigDecimal hours,
                                                       String trainingCertificateNo) {
        return register(tag, idNumber, 2025, "专业", hours, trainingCertificateNo);
    }

    /**
     * 对取得培训合格证书的,可登记为当年度相应的专业技术人员继续教育专业科目学时: a trainee of the real-name system
     * registers professional hours from the training certificate — about two in three do. Most register the
     * certificate's hours or fewer; about one registration in six claims more than the training gave, which the
     * hub flags ({@code CE_HOURS_EXCEED_TRAINING_HOURS}). Drawn from the seed and the trainee alone, so the same
     * seed registers the same. Returns the registration, or null when the trainee registers nothing.
     */
    public synchronized TrainingRegistration registerTraining(CompletedTrainee trainee, String tag) {
        Random story = new Random(seed ^ trainee.stableHash());
        if (story.nextInt(3) == 0) {
            return null;
        }
        int kind = story.nextInt(6);
        BigDecimal hours = switch (kind) {
            case 0 -> trainee.totalHours().add(BigDecimal.valueOf(8 + story.nextInt(17)));
            case 1 -> trainee.totalHours().divide(BigDecimal.valueOf(2), 1, RoundingMode.DOWN);
            default -> trainee.totalHours();
        };
        // A small share breaks 六(一) for supervision to find (issue 17), drawn apart from the story above: the
        // certificate registered for the year before (1 in 30), a second time (1 in 30), or by someone else (1 in 30).
        Random wrong = new Random(seed ^ trainee.stableHash() ^ 0x17_CE_17L);
        int how = wrong.nextInt(30);
        int year = how == 0 ? trainee.completedOn().getYear() - 1 : trainee.completedOn().getYear();
        String id = register(tag, trainee.idNumber(), trainee.fullName(), year, "专业",
                hours, trainee.trainingCertificateNo());
        registered.add(new Registration(id, trainee.idNumber(), year));
        ExpectedOutcomes expected = new ExpectedOutcomes();
        expected.event(EventType.CE_HOURS_REGISTERED);
        if (how == 1 || how == 2) {
            String registrant = how == 1 ? trainee.idNumber() : person();
            String again = register(tag, registrant, how == 1 ? trainee.fullName() : people.name(), year, "专业",
                    trainee.totalHours(), trainee.trainingCertificateNo());
            registered.add(new Registration(again, registrant, year));
            expected.event(EventType.CE_HOURS_REGISTERED);
        }
        if (kind == 0) {
            expected.flag(ComplianceFlag.CE_HOURS_EXCEED_TRAINING_HOURS);
        }
        written.add(expected);
        return new TrainingRegistration(id, hours, how == 1 || how == 2 ? 2 : 1);
    }

    /** A registration withdrawn: a new version of the same registration id, status CANCELLED. */
    public synchronized void cancel(String registrationId, String idNumber, int year, LocalDate on, String reason) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("registration_id", registrationId);
        r.put("id_number", idNumber);
        r.put("year", year);
        r.put("status", "CANCELLED");
        r.put("cancelled_on", on.toString());
        r.put("reason", reason);
        records.add(r);
    }

    /** A person of Henan with a valid ID number. */
    public synchronized String person() {
        LocalDate birth = LocalDate.of(1970 + random.nextInt(33), 1 + random.nextInt(12), 1 + random.nextInt(28));
        return people.idNumber(birth, random.nextBoolean());
    }

    private String register(String tag, String idNumber, int year, String category, BigDecimal hours,
                            String certificateNo) {
        return register(tag, idNumber, people.name(), year, category, hours, certificateNo);
    }

    private String register(String tag, String idNumber, String fullName, int year, String category,
                            BigDecimal hours, String certificateNo) {
        String id = "DJ" + tag + String.format("%07d", ++sequence);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("registration_id", id);
        r.put("id_number", idNumber);
        r.put("full_name", fullName);
        r.put("year", year);
        // The registry's older interface sends the categories in English.
        r.put("category", random.nextInt(4) == 0 ? ("专业".equals(category) ? "PROFESSIONAL" : "PUBLIC") : category);
        r.put("hours", hours);
        if (certificateNo != null) {
            r.put("training_certificate_no", certificateNo);
        }
        r.put("status", "REGISTERED");
        records.add(r);
        return id;
    }

    private void writeBad(String tag, ExpectedOutcomes expected) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("registration_id", "DJ" + tag + String.format("%07d", ++sequence));
        String idNumber = person();
        r.put("id_number", idNumber);
        r.put("year", 2025);
        r.put("category", "公需");
        r.put("hours", BigDecimal.valueOf(12));
        r.put("status", "REGISTERED");
        switch (random.nextInt(3)) {
            case 0 -> {
                r.put("category", "其他");
                expected.reject(RejectReason.MALFORMED_RECORD);
            }
            case 1 -> {
                r.put("id_number", SimulatedPeople.withBrokenCheck(idNumber));
                expected.reject(RejectReason.INVALID_ID_NUMBER);
            }
            default -> {
                r.put("hours", BigDecimal.valueOf(-8));
                expected.reject(RejectReason.NEGATIVE_HOURS);
            }
        }
        records.add(r);
    }

}
