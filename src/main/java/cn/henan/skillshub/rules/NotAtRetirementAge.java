package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.person.RetirementAge;
import cn.henan.skillshub.person.Sex;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/**
 * 二、培育对象: "不含达到法定退休年龄人员" — people who have reached the statutory retirement age are not eligible
 * trainees. Checked on the day the class starts, from the birth month and sex in the ID number, by the statutory
 * schedule ({@link RetirementAge}, the 2024 decision raising the age from 2025-01-01). The source flags the trainee;
 * the subsidy is rejected for it.
 */
public final class NotAtRetirementAge implements PlanRule {

    /** Whether the person is at or past the statutory retirement age on the day the class starts. */
    public static boolean atOrPastRetirementAge(YearMonth birthMonth, Sex sex, LocalDate classStartsOn) {
        return RetirementAge.atOrPastRetirement(birthMonth, RetirementAge.defaultFor(sex), classStartsOn);
    }

    /** For a claim: the completion carries no {@link ComplianceFlag#AT_OR_PAST_RETIREMENT_AGE} flag. */
    public static boolean belowRetirementAge(Set<ComplianceFlag> completionFlags) {
        return !completionFlags.contains(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE);
    }

    @Override
    public String id() {
        return "NOT_AT_RETIREMENT_AGE";
    }

    @Override
    public String clause() {
        return "二";
    }

    @Override
    public String planWords() {
        return "不含达到法定退休年龄人员";
    }

    @Override
    public String english() {
        return "People who have reached the statutory retirement age are not eligible trainees.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE, SubsidyDecided.Reason.AT_OR_PAST_RETIREMENT_AGE);
    }
}
