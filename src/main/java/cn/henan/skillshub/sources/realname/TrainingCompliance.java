package cn.henan.skillshub.sources.realname;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.person.RetirementAge;
import cn.henan.skillshub.person.Sex;
import cn.henan.skillshub.reference.ReferenceData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The plan's rules on training, each one a method. A broken rule is a {@link ComplianceFlag} on the published
 * event, not a rejection: supervisors see it, the subsidy service weighs it.
 */
@Component
public class TrainingCompliance {

    static final int PLAN_FILING_DAYS_BEFORE_START = 10;
    static final int TRAINEE_LIST_REPORTING_DAYS = 30;

    private final ReferenceData reference;

    TrainingCompliance(ReferenceData reference) {
        this.reference = reference;
    }

    /**
     * 线上培训课时一般不超过培训总课时的50% — online hours are normally at most 50 % of the total hours.
     */
    static boolean onlineHoursOverHalf(BigDecimal onlineHours, BigDecimal totalHours) {
        return totalHours.signum() > 0 && onlineHours.multiply(BigDecimal.valueOf(2)).compareTo(totalHours) > 0;
    }

    /**
     * 于培训开班10日前报所在省辖市级人力资源社会保障部门审查 — the training plan is filed at least 10 days before
     * the class opens: filed on day D, the class may open on D + 10 at the earliest.
     */
    static boolean planFiledLate(LocalDate filedOn, LocalDate classStartsOn) {
        return filedOn.plusDays(PLAN_FILING_DAYS_BEFORE_START).isAfter(classStartsOn);
    }

    /**
     * 在培训结业30日内将学员名单和培训情况报 — the trainee list is reported within 30 days after completion.
     * A list not reported yet is not late yet.
     */
    static boolean traineeListReportedLate(LocalDate completedOn, LocalDate listReportedOn) {
        return listReportedOn != null && listReportedOn.isAfter(completedOn.plusDays(TRAINEE_LIST_REPORTING_DAYS));
    }

    /**
     * 不得在目录之外…开展相关培训评价活动 — an institution trains only the occupations the catalogue (Annex 2)
     * lists for it, while the entry is valid.
     */
    boolean institutionNotInCatalogue(String institutionName, String occupationCode, LocalDate onDate) {
        return !reference.inCatalogue(institutionName, occupationCode, onDate);
    }

    /** 不含达到法定退休年龄人员 — people at statutory retirement age when the class starts are not eligible. */
    static boolean atOrPastRetirementAge(YearMonth birthMonth, Sex sex, LocalDate classStartsOn) {
        return RetirementAge.atOrPastRetirement(birthMonth, RetirementAge.defaultFor(sex), classStartsOn);
    }

    /** The flags of a trainee in a class: catalogue and retirement age. */
    Set<ComplianceFlag> traineeFlags(String institutionName, String occupationCode, YearMonth birthMonth, Sex sex,
                                     LocalDate classStartsOn) {
        Set<ComplianceFlag> flags = EnumSet.noneOf(ComplianceFlag.class);
        if (institutionNotInCatalogue(institutionName, occupationCode, classStartsOn)) {
            flags.add(ComplianceFlag.INSTITUTION_NOT_IN_CATALOGUE);
        }
        if (atOrPastRetirementAge(birthMonth, sex, classStartsOn)) {
            flags.add(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE);
        }
        return flags;
    }
}
