package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SubsidyDecided;
import java.util.List;
import java.util.Set;

/**
 * 五(三): "理论知识考试、专业能力考核成绩均合格的,获得相应专业技术等级证书" — a level certificate goes to whoever passed
 * both the theory exam and the professional-ability assessment. A certificate whose own record says a part failed
 * breaks the rule (a flag on it); a part the record does not mention ({@code null}) is not held against it. Such a
 * certificate is not the matching level certificate the subsidy requires.
 */
public final class LevelCertificateNeedsBothParts implements PlanRule {

    /** Whether the certificate's record says the theory or the ability part failed. */
    public static boolean certificateWithFailedPart(Boolean theoryPassed, Boolean abilityPassed) {
        return Boolean.FALSE.equals(theoryPassed) || Boolean.FALSE.equals(abilityPassed);
    }

    /** For a claim: the level certificate carries no {@link ComplianceFlag#CERTIFICATE_WITH_FAILED_PART} flag. */
    public static boolean certificatePassedBothParts(Set<ComplianceFlag> certificateFlags) {
        return !certificateFlags.contains(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART);
    }

    @Override
    public String id() {
        return "LEVEL_CERTIFICATE_NEEDS_BOTH_PARTS";
    }

    @Override
    public String clause() {
        return "五(三)";
    }

    @Override
    public String planWords() {
        return "理论知识考试、专业能力考核成绩均合格的,获得相应专业技术等级证书";
    }

    @Override
    public String english() {
        return "Whoever passes both the theory exam and the professional-ability assessment gets the level "
                + "certificate.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART, SubsidyDecided.Reason.CERTIFICATE_WITH_FAILED_PART);
    }
}
