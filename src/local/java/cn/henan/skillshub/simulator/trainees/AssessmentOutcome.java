package cn.henan.skillshub.simulator.trainees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * What an evaluation body makes of one trainee: the assessment (theory exam and professional-ability assessment,
 * 60 to pass each), the level certificate if any, and its revocation if any. Drawn from the simulator's seed and
 * the trainee alone ({@link CompletedTrainee#stableHash()}), so the same seed tells the same story.
 *
 * <p>The mix, so that the settlement service meets every kind of decision: most pass both parts and are
 * certified inside the Annex 3 window (2025-03-24 … 2025-12-31: APPROVED); about one in ten certificates is
 * issued in 2026, when no standard is in force (HELD); a few are certified although a part failed (flagged, so
 * REJECTED); those who fail without a certificate have no claim decided; about one certificate in twelve is
 * revoked later (after approval: RECOVERY_REQUIRED).
 *
 * @param certificateIssuedOn null when no certificate is issued
 * @param revokedOn           null when the certificate stands
 */
public record AssessmentOutcome(LocalDate assessedOn, BigDecimal theoryScore, boolean theoryPassed,
                                BigDecimal abilityScore, boolean abilityPassed, LocalDate certificateIssuedOn,
                                LocalDate revokedOn, String revocationReason) {

    /** The last day of Annex 3 ("试行到2025年12月31日"). */
    static final LocalDate STANDARD_WINDOW_END = LocalDate.of(2025, 12, 31);
    private static final LocalDate FIRST_DAY_AFTER_WINDOW = STANDARD_WINDOW_END.plusDays(1);
    private static final int PASS_MARK = 60;
    private static final long EARLY_SALT = 0x17_5EED_17L;
    private static final int EARLY_ONE_IN = 25;
    private static final List<String> REVOCATION_REASONS = List.of("考核材料弄虚作假", "证书信息录入错误", "重复发证");

    public static AssessmentOutcome of(CompletedTrainee trainee, long seed) {
        Random random = new Random(seed ^ trainee.stableHash());
        LocalDate assessedOn = trainee.completedOn().plusDays(3 + random.nextInt(18));
        // About one in 25 is assessed before the training ended (a supervision finding, issue 17); drawn apart, so
        // the rest of the story is the same as without it.
        Random early = new Random(seed ^ trainee.stableHash() ^ EARLY_SALT);
        if (early.nextInt(EARLY_ONE_IN) == 0) {
            assessedOn = trainee.completedOn().minusDays(1 + early.nextInt(5));
        }
        boolean theory = random.nextInt(100) < 92;
        boolean ability = random.nextInt(100) < 90;
        BigDecimal theoryScore = score(random, theory);
        BigDecimal abilityScore = score(random, ability);
        // Most who pass both are certified; one in four who failed a part is certified all the same.
        boolean certified = theory && ability || random.nextInt(4) == 0;
        if (!certified) {
            return new AssessmentOutcome(assessedOn, theoryScore, theory, abilityScore, ability, null, null, null);
        }
        LocalDate issuedOn;
        if (random.nextInt(10) == 0) {
            LocalDate earliest = assessedOn.isAfter(STANDARD_WINDOW_END) ? assessedOn : FIRST_DAY_AFTER_WINDOW;
            issuedOn = earliest.plusDays(random.nextInt(45));
        } else {
            issuedOn = assessedOn.plusDays(10 + random.nextInt(16));
            if (issuedOn.isAfter(STANDARD_WINDOW_END)) {
                issuedOn = assessedOn.isAfter(STANDARD_WINDOW_END) ? assessedOn : STANDARD_WINDOW_END;
            }
        }
        LocalDate revokedOn = null;
        String reason = null;
        if (random.nextInt(12) == 0) {
            revokedOn = issuedOn.plusDays(20 + random.nextInt(60));
            reason = REVOCATION_REASONS.get(random.nextInt(REVOCATION_REASONS.size()));
        }
        return new AssessmentOutcome(assessedOn, theoryScore, theory, abilityScore, ability, issuedOn, revokedOn,
                reason);
    }

    /** Assessed before the training was completed: supervision finds it (ASSESSMENT_BEFORE_TRAINING_ENDED). */
    public boolean assessedBefore(CompletedTrainee trainee) {
        return assessedOn.isBefore(trainee.completedOn());
    }

    public boolean certified() {
        return certificateIssuedOn != null;
    }

    public boolean revoked() {
        return revokedOn != null;
    }

    /** Certified although a part failed: the hub flags such a certificate, the settlement rejects the claim. */
    public boolean certifiedWithFailedPart() {
        return certified() && !(theoryPassed && abilityPassed);
    }

    /** Certified after Annex 3 ran out: the claim is held until a standard is in force. */
    public boolean certifiedAfterStandardWindow() {
        return certified() && certificateIssuedOn.isAfter(STANDARD_WINDOW_END);
    }

    private static BigDecimal score(Random random, boolean passed) {
        int score = passed ? PASS_MARK + random.nextInt(41) : 25 + random.nextInt(PASS_MARK - 25);
        return BigDecimal.valueOf(score * 10L + random.nextInt(10), 1).min(BigDecimal.valueOf(100));
    }
}
