package cn.henan.skillshub.person;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

/** 不含达到法定退休年龄人员: the schedule of the 2024 decision, checked at the edges of each step and cap. */
class RetirementAgeTests {

    @ParameterizedTest(name = "{0} born {1} retires at {2}y{3}m in {4}")
    @CsvSource({
            // men: 60 -> 63, +1 month per 4 birth months from 1965-01
            "MALE, 1964-12, 60,  0, 2024-12",
            "MALE, 1965-01, 60,  1, 2025-02",
            "MALE, 1965-04, 60,  1, 2025-05",
            "MALE, 1965-05, 60,  2, 2025-07",
            "MALE, 1966-01, 60,  4, 2026-05",
            "MALE, 1975-06, 62,  8, 2038-02",
            "MALE, 1976-08, 62, 11, 2039-07",
            "MALE, 1976-09, 63,  0, 2039-09",
            "MALE, 1980-01, 63,  0, 2043-01",
            "MALE, 1990-09, 63,  0, 2053-09",
            // women formerly retiring at 55: 55 -> 58, same pace from 1970-01
            "FEMALE_CADRE, 1969-12, 55,  0, 2024-12",
            "FEMALE_CADRE, 1970-01, 55,  1, 2025-02",
            "FEMALE_CADRE, 1970-06, 55,  2, 2025-08",
            "FEMALE_CADRE, 1971-06, 55,  5, 2026-11",
            "FEMALE_CADRE, 1981-08, 57, 11, 2039-07",
            "FEMALE_CADRE, 1981-09, 58,  0, 2039-09",
            "FEMALE_CADRE, 1988-09, 58,  0, 2046-09",
            // women formerly retiring at 50: 50 -> 55, +1 month per 2 birth months from 1975-01
            "FEMALE_WORKER, 1974-12, 50,  0, 2024-12",
            "FEMALE_WORKER, 1975-01, 50,  1, 2025-02",
            "FEMALE_WORKER, 1975-02, 50,  1, 2025-03",
            "FEMALE_WORKER, 1975-03, 50,  2, 2025-05",
            "FEMALE_WORKER, 1975-06, 50,  3, 2025-09",
            "FEMALE_WORKER, 1976-06, 50,  9, 2027-03",
            "FEMALE_WORKER, 1977-01, 51,  1, 2028-02",
            "FEMALE_WORKER, 1984-10, 54, 11, 2039-09",
            "FEMALE_WORKER, 1984-11, 55,  0, 2039-11",
            "FEMALE_WORKER, 1990-01, 55,  0, 2045-01",
    })
    void statutoryRetirementAgeFollowsTheDecisionsTables(
            RetirementCategory category, YearMonth born, int years, int months, YearMonth retires) {
        assertThat(RetirementAge.retirementAge(born, category)).isEqualTo(Period.of(years, months, 0));
        assertThat(RetirementAge.retirementMonth(born, category)).isEqualTo(retires);
    }

    @Test
    void peopleAtStatutoryRetirementAgeAreNotEligible() {
        YearMonth born = YearMonth.of(1965, 1); // a man: retires 2025-02

        assertThat(RetirementAge.atOrPastRetirement(born, RetirementCategory.MALE, LocalDate.of(2025, 1, 31)))
                .isFalse();
        assertThat(RetirementAge.atOrPastRetirement(born, RetirementCategory.MALE, LocalDate.of(2025, 2, 1)))
                .isTrue();
        assertThat(RetirementAge.atOrPastRetirement(born, RetirementCategory.MALE, LocalDate.of(2030, 6, 15)))
                .isTrue();
    }

    @Test
    void womenWorkersReachRetirementEarlierThanWomenCadres() {
        YearMonth born = YearMonth.of(1975, 3); // worker 2025-05, cadre 55y3m -> 2030-06
        LocalDate onDate = LocalDate.of(2025, 5, 1);

        assertThat(RetirementAge.atOrPastRetirement(born, RetirementCategory.FEMALE_WORKER, onDate.minusDays(1)))
                .isFalse();
        assertThat(RetirementAge.atOrPastRetirement(born, RetirementCategory.FEMALE_WORKER, onDate)).isTrue();
        assertThat(RetirementAge.atOrPastRetirement(born, RetirementCategory.FEMALE_CADRE, onDate)).isFalse();
    }

    @Test
    void defaultCategoryIsTheProfessionalStaffOne() {
        assertThat(RetirementAge.defaultFor(Sex.MALE)).isEqualTo(RetirementCategory.MALE);
        assertThat(RetirementAge.defaultFor(Sex.FEMALE)).isEqualTo(RetirementCategory.FEMALE_CADRE);
    }
}
