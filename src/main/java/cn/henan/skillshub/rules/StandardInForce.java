package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.reference.SubsidyStandard;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * 六(六): "依照《河南省数字经济领域技术技能人才培训补贴标准》(见附件3,试行到2025年12月31日)给予补贴" and
 * "取得培训合格证书和相应专业技术等级证书的人员,可按有关规定申领职业培训补贴" — the subsidy follows Annex 3, on trial
 * until 2025-12-31; a person may claim once they hold both certificates, so the claim arises on the day the later of
 * the two is issued, and the standard in force on that day applies. With none in force the claim is held, never
 * paid from a guessed amount.
 */
public final class StandardInForce implements PlanRule {

    /** The day a claim arises: the later of the completion (training certificate) and the level certificate. */
    public static LocalDate claimArisesOn(LocalDate trainingCertificateOn, LocalDate levelCertificateOn) {
        return levelCertificateOn.isAfter(trainingCertificateOn) ? levelCertificateOn : trainingCertificateOn;
    }

    /** The standard in force on the day the claim arises; empty means the claim is held. */
    public static Optional<SubsidyStandard> applicableStandard(ReferenceData reference, String occupationCode,
                                                               Level level, LocalDate trainingCertificateOn,
                                                               LocalDate levelCertificateOn) {
        return reference.standardInForce(occupationCode, level,
                claimArisesOn(trainingCertificateOn, levelCertificateOn));
    }

    @Override
    public String id() {
        return "STANDARD_IN_FORCE";
    }

    @Override
    public String clause() {
        return "六(六)";
    }

    @Override
    public String planWords() {
        return "依照《河南省数字经济领域技术技能人才培训补贴标准》(见附件3,试行到2025年12月31日)给予补贴;"
                + "取得培训合格证书和相应专业技术等级证书的人员,可按有关规定申领职业培训补贴";
    }

    @Override
    public String english() {
        return "Subsidies follow Annex 3, on trial until 2025-12-31; the standard in force on the day the later "
                + "certificate was issued applies, and a claim with none in force is held.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(SubsidyDecided.Decision.HELD, SubsidyDecided.Reason.NO_STANDARD_IN_FORCE);
    }
}
