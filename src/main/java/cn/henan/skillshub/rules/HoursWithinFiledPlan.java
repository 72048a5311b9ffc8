package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SupervisionFinding.Rule;
import java.math.BigDecimal;
import java.util.List;

/**
 * 五(一): "制定培训计划和方案…于培训开班10日前报所在省辖市级人力资源社会保障部门审查、省人力资源社会保障厅备案后方可实施"
 * — a class is taught by the plan filed for it. Hours recorded for a trainee beyond the total hours of the class's
 * filed plan are not hours of that plan (the source's own course total is checked when the record is read; this
 * joins the hours with the plan as filed).
 */
public final class HoursWithinFiledPlan implements PlanRule {

    /** Whether the hours recorded exceed the filed plan's total hours. */
    public static boolean beyondPlanTotal(BigDecimal hoursRecorded, BigDecimal planTotalHours) {
        return planTotalHours != null && hoursRecorded.compareTo(planTotalHours) > 0;
    }

    @Override
    public String id() {
        return "HOURS_WITHIN_FILED_PLAN";
    }

    @Override
    public String clause() {
        return "五(一)";
    }

    @Override
    public String planWords() {
        return "制定培训计划和方案…报所在省辖市级人力资源社会保障部门审查、省人力资源社会保障厅备案后方可实施";
    }

    @Override
    public String english() {
        return "A class is taught by its filed plan: no trainee's hours beyond the plan's total hours.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(Rule.HOURS_BEYOND_PLAN_TOTAL);
    }
}
