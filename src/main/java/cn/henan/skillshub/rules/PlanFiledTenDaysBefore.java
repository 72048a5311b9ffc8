package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.ComplianceFlag;
import java.time.LocalDate;
import java.util.List;

/**
 * 五(一): "于培训开班10日前报所在省辖市级人力资源社会保障部门审查、省人力资源社会保障厅备案后方可实施" — the
 * training plan is filed at least 10 days before the class opens: filed on day D, the class may open on D + 10 at
 * the earliest.
 */
public final class PlanFiledTenDaysBefore implements PlanRule {

    public static final int DAYS_BEFORE_START = 10;

    /** Whether the plan was filed later than 10 days before the class starts. */
    public static boolean planFiledLate(LocalDate filedOn, LocalDate classStartsOn) {
        return filedOn.plusDays(DAYS_BEFORE_START).isAfter(classStartsOn);
    }

    @Override
    public String id() {
        return "PLAN_FILED_TEN_DAYS_BEFORE";
    }

    @Override
    public String clause() {
        return "五(一)";
    }

    @Override
    public String planWords() {
        return "于培训开班10日前报所在省辖市级人力资源社会保障部门审查、省人力资源社会保障厅备案后方可实施";
    }

    @Override
    public String english() {
        return "The training plan is filed with the city bureau at least 10 days before the class opens.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(ComplianceFlag.PLAN_FILED_LATE);
    }
}
