package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.ComplianceFlag;
import java.math.BigDecimal;
import java.util.List;

/**
 * 六(一): "对取得培训合格证书的,可登记为当年度相应的专业技术人员继续教育专业科目学时" — a training certificate may be
 * registered as that year's CE professional-subject hours: the hours its training gave, not more. Hours registered
 * from a certificate whose training hours are fewer are a fraud signal (虚报冒领); a certificate the hub has not
 * published cannot be checked, and is flagged so that a supervisor looks at it.
 */
public final class CeHoursFromTrainingCertificate implements PlanRule {

    /** Whether more hours are registered than the certificate's training gave; unknown training checks nothing. */
    public static boolean ceHoursExceedTrainingHours(BigDecimal registeredHours, BigDecimal trainingHours) {
        return trainingHours != null && registeredHours.compareTo(trainingHours) > 0;
    }

    @Override
    public String id() {
        return "CE_HOURS_FROM_TRAINING_CERTIFICATE";
    }

    @Override
    public String clause() {
        return "六(一)";
    }

    @Override
    public String planWords() {
        return "对取得培训合格证书的,可登记为当年度相应的专业技术人员继续教育专业科目学时";
    }

    @Override
    public String english() {
        return "A training certificate may be registered as that year's CE professional-subject hours: the hours its "
                + "training gave, not more.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(ComplianceFlag.CE_HOURS_EXCEED_TRAINING_HOURS, ComplianceFlag.TRAINING_CERTIFICATE_UNKNOWN);
    }
}
