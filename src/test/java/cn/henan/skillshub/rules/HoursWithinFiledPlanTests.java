package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** 五(一): hours within the filed plan's total. */
class HoursWithinFiledPlanTests {

    @Test
    void hoursBeyondThePlansTotalAreAFinding() {
        // 大数据 intermediate: Annex 3 requires 128 hours; a plan filed with 128.
        BigDecimal plan = new BigDecimal("128");
        assertThat(HoursWithinFiledPlan.beyondPlanTotal(new BigDecimal("128"), plan)).isFalse();
        assertThat(HoursWithinFiledPlan.beyondPlanTotal(new BigDecimal("130"), plan)).isTrue();
        assertThat(HoursWithinFiledPlan.beyondPlanTotal(new BigDecimal("130"), null)).isFalse();
    }
}
