package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** 施行: no fact of the programme before it could start, in the future, or ending before it starts. */
class PlausibleDatesTests {

    // 2026-12-02 09:00 in China.
    private final PlausibleDates dates = new PlausibleDates(
            Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), PlausibleDates.CHINA), Period.ofDays(1),
            PlausibleDates.DEFAULT_EARLIEST);

    @Test
    void anEnrolmentDated2999IsInTheFuture() {
        assertThat(dates.implausible(LocalDate.of(2999, 1, 1))).hasValueSatisfying(why ->
                assertThat(why).contains("2999-01-01 is in the future"));
    }

    @Test
    void todayAndTomorrowPass_theDayAfterDoesNot() {
        assertThat(dates.implausible(LocalDate.of(2026, 12, 2))).isEmpty();
        assertThat(dates.implausible(LocalDate.of(2026, 12, 3))).isEmpty();
        assertThat(dates.implausible(LocalDate.of(2026, 12, 4))).isPresent();
    }

    @Test
    void aDateBeforeTheProgrammeCouldStartIsImpossible() {
        assertThat(dates.implausible(LocalDate.of(2020, 12, 31))).hasValueSatisfying(why ->
                assertThat(why).contains("before the programme could have started"));
        assertThat(dates.implausible(LocalDate.of(2021, 1, 1))).isEmpty();
        assertThat(dates.implausible(LocalDate.of(2025, 3, 24))).isEmpty();
    }

    @Test
    void aYearIsCheckedTheSameWay() {
        assertThat(dates.implausibleYear(2025)).isEmpty();
        assertThat(dates.implausibleYear(2026)).isEmpty();
        assertThat(dates.implausibleYear(2027)).isPresent();
        assertThat(dates.implausibleYear(2020)).isPresent();
    }

    @Test
    void anEndBeforeItsStartIsImpossible_anOpenEndIsNot() {
        assertThat(PlausibleDates.endsBeforeStart(LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 9))).isTrue();
        assertThat(PlausibleDates.endsBeforeStart(LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 10))).isFalse();
        assertThat(PlausibleDates.endsBeforeStart(LocalDate.of(2025, 6, 10), null)).isFalse();
    }

    @Test
    void aNegativeToleranceIsRefused() {
        assertThatThrownBy(() -> new PlausibleDates(Clock.systemUTC(), Period.ofDays(-1), LocalDate.of(2021, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
