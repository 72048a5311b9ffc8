package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SchoolType;
import cn.henan.skillshub.events.TraineeCategory;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 二、培育对象: the plan's groups, schools, 2 years since leaving school, in the province. */
class EligibleTraineeTests {

    private static final LocalDate STARTS = LocalDate.of(2025, 6, 10);

    @Test
    void theWorkingGroupsAreEligible_otherIsNot() {
        for (TraineeCategory c : new TraineeCategory[] {TraineeCategory.EMPLOYED_DIGITAL_ECONOMY,
                TraineeCategory.ABOUT_TO_WORK_DIGITAL_ECONOMY, TraineeCategory.NEW_FORMS_OR_FREELANCE}) {
            assertThat(EligibleTrainee.flags(c, null, null, true, STARTS)).as(c.name()).isEmpty();
        }
        assertThat(EligibleTrainee.flags(TraineeCategory.OTHER, null, null, true, STARTS))
                .containsExactly(ComplianceFlag.NOT_AN_ELIGIBLE_CATEGORY);
    }

    @Test
    void aTechnicianClassCountsForStudentsButNotForGraduates() {
        assertThat(EligibleTrainee.flags(TraineeCategory.GRADUATING_STUDENT, SchoolType.TECHNICIAN_CLASS,
                LocalDate.of(2026, 6, 30), true, STARTS)).isEmpty();
        assertThat(EligibleTrainee.flags(TraineeCategory.UNEMPLOYED_GRADUATE, SchoolType.TECHNICIAN_CLASS,
                LocalDate.of(2024, 6, 30), true, STARTS)).containsExactly(ComplianceFlag.SCHOOL_NOT_NAMED_IN_PLAN);
        assertThat(EligibleTrainee.flags(TraineeCategory.UNEMPLOYED_GRADUATE, SchoolType.SPECIAL_EDUCATION_VOCATIONAL,
                LocalDate.of(2024, 6, 30), true, STARTS)).containsExactly(ComplianceFlag.SCHOOL_NOT_NAMED_IN_PLAN);
        assertThat(EligibleTrainee.flags(TraineeCategory.GRADUATING_STUDENT, SchoolType.OTHER, null, true, STARTS))
                .containsExactly(ComplianceFlag.SCHOOL_NOT_NAMED_IN_PLAN);
    }

    @Test
    void aGraduateIsEligibleForTwoYearsAfterLeavingSchool() {
        assertThat(EligibleTrainee.flags(TraineeCategory.UNEMPLOYED_GRADUATE, SchoolType.FULL_TIME_COLLEGE,
                LocalDate.of(2023, 6, 10), true, STARTS)).isEmpty();
        assertThat(EligibleTrainee.flags(TraineeCategory.UNEMPLOYED_GRADUATE, SchoolType.FULL_TIME_COLLEGE,
                LocalDate.of(2023, 6, 9), true, STARTS)).containsExactly(ComplianceFlag.GRADUATE_BEYOND_TWO_YEARS);
    }

    @Test
    void outsideTheProvinceIsFlagged_whatIsNotRecordedIsNot() {
        assertThat(EligibleTrainee.flags(TraineeCategory.EMPLOYED_DIGITAL_ECONOMY, null, null, false, STARTS))
                .containsExactly(ComplianceFlag.NOT_IN_PROVINCE);
        assertThat(EligibleTrainee.flags(null, null, null, null, STARTS)).isEmpty();
    }
}
