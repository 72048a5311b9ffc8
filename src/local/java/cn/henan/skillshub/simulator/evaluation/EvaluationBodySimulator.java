package cn.henan.skillshub.simulator.evaluation;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.simulator.http.FaultInjector;
import cn.henan.skillshub.simulator.http.PagedRecords;
import cn.henan.skillshub.simulator.realname.SimulatedPeople;
import cn.henan.skillshub.simulator.trainees.AssessmentOutcome;
import cn.henan.skillshub.simulator.trainees.CompletedTrainee;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One evaluation body (评价机构) and its records: candidates sit the theory exam and the professional-ability
 * assessment; those who pass both get a level certificate (专业技术等级证书); now and then a certificate is
 * revoked. Seeded, so the same seed gives the same records. A share of records is wrong on purpose: one kind of
 * each reject the hub must give, and certificates issued although a part failed (the hub flags them).
 */
public class EvaluationBodySimulator {

    /** The pass mark of both parts, out of 100. */
    static final int PASS_MARK = 60;
    private static final LocalDate FIRST_SITTING = LocalDate.of(2025, 5, 10);

    private record Candidate(String tag, String idNumber, String name, Occupation occupation, String code, Level level,
                             LocalDate assessedOn, boolean theoryPassed, boolean abilityPassed) {
    }

    private record Issued(Candidate candidate, String certificateNo, LocalDate issuedOn) {
    }

    /** A revocation decided at assessment, written only once {@code due}: after the hub has decided the claim. */
    private record PendingRevocation(String tag, CompletedTrainee trainee, AssessmentOutcome outcome,
                                     String certificateNo, Instant due) {
    }

    private final String bodyId;
    private final String bodyName;
    private final ReferenceData reference;
    private final double badShare;
    private final Random random;
    private final SimulatedPeople people;
    private final PagedRecords records;
    private final FaultInjector faults = new FaultInjector();
    private final List<Candidate> awaitingCertificate = new ArrayList<>();
    private final List<Issued> issued = new ArrayList<>();
    private final List<PendingRevocation> pendingRevocations = new ArrayList<>();
    private final ExpectedOutcomes written = new ExpectedOutcomes();
    private final long seed;
    private long sequence;

    public EvaluationBodySimulator(String bodyId, String bodyName, ReferenceData reference, long seed,
                                   double badShare) {
        this(bodyId, bodyName, reference, seed, badShare, false);
    }

    /** @param wholeMillis versions stamped in whole milliseconds (a body that writes them in epoch milliseconds) */
    public EvaluationBodySimulator(String bodyId, String bodyName, ReferenceData reference, long seed,
                                   double badShare, boolean wholeMillis) {
        this.records = new PagedRecords("record_id", wholeMillis);
        this.seed = seed;
        this.bodyId = bodyId;
        this.bodyName = bodyName;
        this.reference = reference;
        this.badShare = badShare;
        this.random = new Random(seed);
        this.people = new SimulatedPeople(random);
    }

    public String bodyId() {
        return bodyId;
    }

    public String bodyName() {
        return bodyName;
    }

    public FaultInjector faults() {
        return faults;
    }

    public PagedRecords records() {
        return records;
    }

    /** Everything written so far, as the hub should see it. */
    public synchronized ExpectedOutcomes written() {
        ExpectedOutcomes copy = new ExpectedOutcomes();
        copy.add(written);
        return copy;
    }

    /**
     * Writes {@code count} records whose numbers start with {@code tag}, so a test can tell its own apart.
     * Returns what the hub should publish and reject for them.
     */
    public synchronized ExpectedOutcomes write(int count, String tag) {
        ExpectedOutcomes expected = new ExpectedOutcomes();
        for (int i = 0; i < count; i++) {
            if (random.nextDouble() < badShare) {
                writeBad(tag, expected);
            } else {
                writeGood(tag, expected);
            }
        }
        written.add(expected);
        return expected;
    }

    /** A record exactly as given (plus its updated_at): for tests of one particular case. */
    public synchronized Map<String, Object> writeRaw(Map<String, Object> fields) {
        return records.add(fields);
    }

    /**
     * Assesses a trainee of the real-name system (same ID number, occupation as the plan wrote it, level): the
     * result, and the level certificate when {@link AssessmentOutcome} says so. A revocation, if the outcome has
     * one, waits {@code revocationDelay} and is written by {@link #writeDueRevocations}. Record numbers start with
     * {@code tag}.
     */
    public synchronized AssessmentOutcome assess(CompletedTrainee trainee, String tag, Duration revocationDelay) {
        AssessmentOutcome outcome = AssessmentOutcome.of(trainee, seed);
        ExpectedOutcomes expected = new ExpectedOutcomes();
        Map<String, Object> result = base("RESULT", tag, trainee);
        result.put("assessed_on", outcome.assessedOn().toString());
        result.put("theory_score", outcome.theoryScore());
        result.put("theory_passed", outcome.theoryPassed());
        result.put("ability_score", outcome.abilityScore());
        result.put("ability_passed", outcome.abilityPassed());
        records.add(result);
        expected.event(EventType.ASSESSMENT_RESULT_RECORDED);
        if (outcome.certified()) {
            String certificateNo = "ZS" + bodyId.toUpperCase() + tag + String.format("%06d", ++sequence);
            Map<String, Object> certificate = base("CERTIFICATE", tag, trainee);
            certificate.put("certificate_no", certificateNo);
            certificate.put("assessed_on", outcome.assessedOn().toString());
            certificate.put("issued_on", outcome.certificateIssuedOn().toString());
            certificate.put("theory_passed", outcome.theoryPassed());
            certificate.put("ability_passed", outcome.abilityPassed());
            records.add(certificate);
            expected.event(EventType.CERTIFICATE_ISSUED);
            if (outcome.certifiedWithFailedPart()) {
                expected.flag(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART);
            }
            if (outcome.revoked()) {
                pendingRevocations.add(new PendingRevocation(tag, trainee, outcome, certificateNo,
                        Instant.now().plus(revocationDelay)));
            }
        }
        written.add(expected);
        return outcome;
    }

    /** Writes the revocations due by {@code now}; returns how many. */
    public synchronized int writeDueRevocations(Instant now) {
        List<PendingRevocation> due = pendingRevocations.stream().filter(p -> !p.due().isAfter(now)).toList();
        ExpectedOutcomes expected = new ExpectedOutcomes();
        for (PendingRevocation p : due) {
            Map<String, Object> r = base("REVOCATION", p.tag(), p.trainee());
            r.put("certificate_no", p.certificateNo());
            r.put("issued_on", p.outcome().certificateIssuedOn().toString());
            r.put("revoked_on", p.outcome().revokedOn().toString());
            r.put("reason", p.outcome().revocationReason());
            records.add(r);
            expected.event(EventType.CERTIFICATE_REVOKED);
        }
        pendingRevocations.removeAll(due);
        written.add(expected);
        return due.size();
    }

    private Map<String, Object> base(String type, String tag, CompletedTrainee trainee) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("record_type", type);
        r.put("record_id", bodyId.toUpperCase() + "-" + tag + String.format("%07d", ++sequence));
        r.put("id_number", trainee.idNumber());
        r.put("full_name", trainee.fullName());
        r.put("occupation_code", trainee.occupationCode());
        r.put("level", trainee.level().chineseName());
        r.put("evaluation_body", bodyName);
        return r;
    }

    private void writeGood(String tag, ExpectedOutcomes expected) {
        int choice = random.nextInt(20);
        // A run revokes and certifies only its own candidates, so each run's records tell their own story.
        List<Issued> issuedOfRun = issued.stream().filter(i -> i.candidate().tag().equals(tag)).toList();
        List<Candidate> awaitingOfRun = awaitingCertificate.stream().filter(c -> c.tag().equals(tag)).toList();
        if (choice < 2 && !issuedOfRun.isEmpty()) {
            Issued revoked = issuedOfRun.get(random.nextInt(issuedOfRun.size()));
            issued.remove(revoked);
            Map<String, Object> r = base("REVOCATION", tag, revoked.candidate());
            r.put("certificate_no", revoked.certificateNo());
            r.put("issued_on", revoked.issuedOn().toString());
            r.put("revoked_on", revoked.issuedOn().plusDays(30 + random.nextInt(60)).toString());
            r.put("reason", random.nextBoolean() ? "考核材料弄虚作假" : "证书信息录入错误");
            records.add(r);
            expected.event(EventType.CERTIFICATE_REVOKED);
        } else if (choice < 9 && !awaitingOfRun.isEmpty()) {
            Candidate c = awaitingOfRun.get(random.nextInt(awaitingOfRun.size()));
            awaitingCertificate.remove(c);
            String certificateNo = "ZS" + bodyId.toUpperCase() + tag + String.format("%06d", ++sequence);
            LocalDate issuedOn = c.assessedOn().plusDays(15 + random.nextInt(20));
            Map<String, Object> r = base("CERTIFICATE", tag, c);
            r.put("certificate_no", certificateNo);
            r.put("assessed_on", c.assessedOn().toString());
            r.put("issued_on", issuedOn.toString());
            r.put("theory_passed", c.theoryPassed());
            r.put("ability_passed", c.abilityPassed());
            records.add(r);
            issued.add(new Issued(c, certificateNo, issuedOn));
            expected.event(EventType.CERTIFICATE_ISSUED);
            if (!c.theoryPassed() || !c.abilityPassed()) {
                expected.flag(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART);
            }
        } else {
            Candidate c = candidate(tag);
            Map<String, Object> r = base("RESULT", tag, c);
            r.put("assessed_on", c.assessedOn().toString());
            r.put("theory_score", score(c.theoryPassed()));
            r.put("theory_passed", c.theoryPassed());
            r.put("ability_score", score(c.abilityPassed()));
            r.put("ability_passed", c.abilityPassed());
            records.add(r);
            expected.event(EventType.ASSESSMENT_RESULT_RECORDED);
            // Most who pass both get a certificate; one in twelve who failed a part gets one all the same.
            if (c.theoryPassed() && c.abilityPassed() || random.nextInt(12) == 0) {
                awaitingCertificate.add(c);
            }
        }
    }

    /** One wrong record of one kind; each gives exactly one reject. */
    private void writeBad(String tag, ExpectedOutcomes expected) {
        Candidate c = candidate(tag);
        Map<String, Object> r = base("RESULT", tag, c);
        r.put("assessed_on", c.assessedOn().toString());
        r.put("theory_score", score(true));
        r.put("theory_passed", true);
        r.put("ability_score", score(true));
        r.put("ability_passed", true);
        switch (random.nextInt(4)) {
            case 0 -> {
                r.put("record_type", "APPEAL");
                expected.reject(RejectReason.MALFORMED_RECORD);
            }
            case 1 -> {
                r.put("id_number", SimulatedPeople.withBrokenCheck(c.idNumber()));
                expected.reject(RejectReason.INVALID_ID_NUMBER);
            }
            case 2 -> {
                r.put("occupation_code", "2-02-99-99");
                expected.reject(RejectReason.UNKNOWN_OCCUPATION);
            }
            default -> {
                r.put("level", "特级");
                expected.reject(RejectReason.UNKNOWN_LEVEL);
            }
        }
        records.add(r);
    }

    private Candidate candidate(String tag) {
        List<Occupation> occupations = reference.occupations();
        Occupation occupation = occupations.get(random.nextInt(occupations.size()));
        // Some bodies send the 2022 edition's codes; the hub maps both.
        String code = random.nextInt(5) == 0 && occupation.code2022() != null ? occupation.code2022() : occupation.code();
        Level level = Level.values()[random.nextInt(3)];
        LocalDate birth = LocalDate.of(1970 + random.nextInt(33), 1 + random.nextInt(12), 1 + random.nextInt(28));
        boolean theory = random.nextInt(10) < 8;
        boolean ability = random.nextInt(10) < 8;
        return new Candidate(tag, people.idNumber(birth, random.nextBoolean()), people.name(), occupation, code, level,
                FIRST_SITTING.plusDays(random.nextInt(180)), theory, ability);
    }

    private Map<String, Object> base(String type, String tag, Candidate c) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("record_type", type);
        r.put("record_id", bodyId.toUpperCase() + "-" + tag + String.format("%07d", ++sequence));
        r.put("id_number", c.idNumber());
        r.put("full_name", c.name());
        r.put("occupation_code", c.code());
        r.put("level", c.level().chineseName());
        r.put("evaluation_body", bodyName);
        return r;
    }

    private BigDecimal score(boolean passed) {
        int score = passed ? PASS_MARK + random.nextInt(41) : 20 + random.nextInt(PASS_MARK - 20);
        return BigDecimal.valueOf(score * 10 + random.nextInt(10), 1).min(BigDecimal.valueOf(100));
    }
}
