package cn.henan.skillshub.sources.cehours;

import java.math.BigDecimal;

/** The plan's rule on continuing-education hours, as a named method. A broken rule is a flag, not a reject. */
final class CeHoursRules {

    private CeHoursRules() {
    }

    /**
     * 对取得培训合格证书的,可登记为当年度相应的专业技术人员继续教育专业科目学时 — a training certificate may be
     * registered as that year's CE professional-subject hours: the hours its training gave, not more. Hours
     * registered from a certificate whose training hours are fewer than those registered are a fraud signal
     * (虚报冒领). A certificate the hub has not seen (training outside the programme) cannot be checked.
     */
    static boolean ceHoursExceedTrainingHours(BigDecimal registeredHours, BigDecimal trainingHours) {
        return trainingHours != null && registeredHours.compareTo(trainingHours) > 0;
    }
}
