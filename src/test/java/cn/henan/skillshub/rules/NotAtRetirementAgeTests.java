package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.person.Sex;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 二 不含达到法定退休年龄人员, on the day the class starts. */
class NotAtRetirementAgeTests {

    @Test
    void aManBornInJanuary1965IsEligibleUntilFebruary2025() {
        // Born 1965-01: 60 years 1 month, retires in 2025-02.
        YearMonth born = YearMonth.of(1965, 1);
        assertThat(NotAtRetirementAge.atOrPastRetirementAge(born, Sex.MALE, LocalDate.of(2025, 1, 31))).isFalse();
        assertThat(NotAtRetirementAge.atOrPastRetirementAge(born, Sex.MALE, LocalDate.of(2025, 2, 1))).isTrue();
    }

    @Test
    void aWomanIsTakenAsProfessionalStaffRetiringAtFiftyFiveAndMore() {
        // Born 1970-01 (former age 55): 55 years 1 month, retires in 2025-02.
        YearMonth born = YearMonth.of(1970, 1);
        assertThat(NotAtRetirementAge.atOrPastRetirementAge(born, Sex.FEMALE, LocalDate.of(2025, 1, 31))).isFalse();
        assertThat(NotAtRetirementAge.atOrPastRetirementAge(born, Sex.FEMALE, LocalDate.of(2025, 2, 1))).isTrue();
    }

    @Test
    void aClaimIsBelowRetirementAgeUnlessTheCompletionIsFlagged() {
        assertThat(NotAtRetirementAge.belowRetirementAge(Set.of())).isTrue();
        assertThat(NotAtRetirementAge.belowRetirementAge(EnumSet.of(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE))).isFalse();
    }
}
