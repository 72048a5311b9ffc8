package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 五(一) 于培训开班10日前报…备案, at its edges. */
class PlanFiledTenDaysBeforeTests {

    @Test
    void planFiledAtLeastTenDaysBeforeTheClassOpens() {
        LocalDate opens = LocalDate.of(2025, 6, 11);
        assertThat(PlanFiledTenDaysBefore.planFiledLate(LocalDate.of(2025, 6, 1), opens)).isFalse();
        assertThat(PlanFiledTenDaysBefore.planFiledLate(LocalDate.of(2025, 6, 2), opens)).isTrue();
    }
}
