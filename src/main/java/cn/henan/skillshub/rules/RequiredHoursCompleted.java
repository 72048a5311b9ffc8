package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.reference.SubsidyStandard;
import java.math.BigDecimal;
import java.util.List;

/**
 * 六(六): "完成规定的学时和内容,取得培训合格证书和相应专业技术等级证书的人员,可按有关规定申领职业培训补贴" — only a
 * trainee who completed at least the hours the standard requires (附件3 学时要求) may claim.
 */
public final class RequiredHoursCompleted implements PlanRule {

    /** Whether the hours attended reach the standard's required hours. */
    public static boolean requiredHoursMet(BigDecimal totalHours, SubsidyStandard standard) {
        return totalHours.compareTo(BigDecimal.valueOf(standard.requiredHours())) >= 0;
    }

    @Override
    public String id() {
        return "REQUIRED_HOURS_COMPLETED";
    }

    @Override
    public String clause() {
        return "六(六)";
    }

    @Override
    public String planWords() {
        return "完成规定的学时和内容";
    }

    @Override
    public String english() {
        return "The trainee completed the required hours (Annex 3) and content.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(SubsidyDecided.Reason.REQUIRED_HOURS_NOT_MET);
    }
}
