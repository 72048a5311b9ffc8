package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 五(二) 在培训结业30日内将学员名单…报, at its edges. */
class TraineeListWithinThirtyDaysTests {

    @Test
    void traineeListReportedWithinThirtyDaysOfCompletion() {
        LocalDate completed = LocalDate.of(2025, 7, 1);
        assertThat(TraineeListWithinThirtyDays.lastReportingDay(completed)).isEqualTo(LocalDate.of(2025, 7, 31));
        assertThat(TraineeListWithinThirtyDays.traineeListReportedLate(completed, LocalDate.of(2025, 7, 31))).isFalse();
        assertThat(TraineeListWithinThirtyDays.traineeListReportedLate(completed, LocalDate.of(2025, 8, 1))).isTrue();
        assertThat(TraineeListWithinThirtyDays.traineeListReportedLate(completed, null)).isFalse();
    }

    @Test
    void aListNotReportedIsFoundOnTheThirtyFirstDay_aLateOneAlways_anOnTimeOneNever() {
        LocalDate completed = LocalDate.of(2025, 7, 1);
        assertThat(TraineeListWithinThirtyDays.notReportedInTime(completed, null, LocalDate.of(2025, 7, 31))).isFalse();
        assertThat(TraineeListWithinThirtyDays.notReportedInTime(completed, null, LocalDate.of(2025, 8, 1))).isTrue();
        assertThat(TraineeListWithinThirtyDays.notReportedInTime(completed, LocalDate.of(2025, 8, 5),
                LocalDate.of(2025, 8, 1))).isTrue();
        assertThat(TraineeListWithinThirtyDays.notReportedInTime(completed, LocalDate.of(2025, 7, 20),
                LocalDate.of(2026, 1, 1))).isFalse();
    }
}
