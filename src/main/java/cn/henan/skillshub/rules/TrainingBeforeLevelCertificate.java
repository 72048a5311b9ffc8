package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SupervisionFinding.Rule;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * 五(三): "取得培训合格证书且符合国家职业标准规定申报条件的学员,可由培训机构组织对接,向评价机构申报相关职业专业技术等级考核"
 * and 七(一) "不得不培训…就发证" — the assessment is for trainees who hold the training certificate; a level certificate
 * without training, or an assessment held or a certificate issued before the training was completed, is a sign of
 * certificates without real training (违规骗取证书). Joined on person, occupation and level across the real-name
 * system and the evaluation bodies. A certificate whose completion has not arrived is given a grace period
 * (default 90 days: sources deliver late) before it is a finding; a completion that arrives later retracts it.
 */
public final class TrainingBeforeLevelCertificate implements PlanRule {

    public static final Period DEFAULT_GRACE = Period.ofDays(90);

    /** Whether a certificate with no completion has waited past the grace period on {@code today}. */
    public static boolean certificateWithoutTraining(LocalDate issuedOn, boolean trainingCompleted, LocalDate today,
                                                     Period grace) {
        return !trainingCompleted && today.isAfter(issuedOn.plus(grace));
    }

    /** The day a certificate still without completion becomes a finding: the day after the grace period. */
    public static LocalDate withoutTrainingDueOn(LocalDate issuedOn, Period grace) {
        return issuedOn.plus(grace).plusDays(1);
    }

    /** Whether the certificate was issued before the training's completion. */
    public static boolean issuedBeforeTrainingEnded(LocalDate issuedOn, LocalDate completedOn) {
        return issuedOn.isBefore(completedOn);
    }

    /** Whether the assessment was held before the training's completion. */
    public static boolean assessedBeforeTrainingEnded(LocalDate assessedOn, LocalDate completedOn) {
        return assessedOn.isBefore(completedOn);
    }

    @Override
    public String id() {
        return "TRAINING_BEFORE_LEVEL_CERTIFICATE";
    }

    @Override
    public String clause() {
        return "五(三)、七(一)";
    }

    @Override
    public String planWords() {
        return "取得培训合格证书且符合国家职业标准规定申报条件的学员,可由培训机构组织对接,向评价机构申报相关职业专业技术等级考核;"
                + "不得不培训(评价)或培训(评价)走过场就发证";
    }

    @Override
    public String english() {
        return "Trainees holding the training certificate may apply for the level assessment; no certificate without "
                + "training: a level certificate needs a completed training, and comes after it.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(Rule.LEVEL_CERTIFICATE_WITHOUT_TRAINING, Rule.CERTIFICATE_BEFORE_TRAINING_ENDED,
                Rule.ASSESSMENT_BEFORE_TRAINING_ENDED);
    }
}
