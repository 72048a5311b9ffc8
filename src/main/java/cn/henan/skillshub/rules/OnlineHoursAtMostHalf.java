package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.ComplianceFlag;
import java.math.BigDecimal;
import java.util.List;

/**
 * 五(二): "线上培训课时一般不超过培训总课时的50%" — online hours are normally at most 50 % of the total hours. Checked
 * on the plan's hours, on each trainee's hours so far and at completion; "一般" (normally) makes it a flag, not a
 * rejection.
 */
public final class OnlineHoursAtMostHalf implements PlanRule {

    /** Whether online hours are more than half of the total. A total of zero breaks nothing. */
    public static boolean onlineHoursOverHalf(BigDecimal onlineHours, BigDecimal totalHours) {
        return totalHours.signum() > 0 && onlineHours.multiply(BigDecimal.valueOf(2)).compareTo(totalHours) > 0;
    }

    @Override
    public String id() {
        return "ONLINE_HOURS_AT_MOST_HALF";
    }

    @Override
    public String clause() {
        return "五(二)";
    }

    @Override
    public String planWords() {
        return "线上培训课时一般不超过培训总课时的50%";
    }

    @Override
    public String english() {
        return "Online hours are normally at most 50 % of the total hours.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(ComplianceFlag.ONLINE_HOURS_OVER_HALF);
    }
}
