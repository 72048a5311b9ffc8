package cn.henan.skillshub.person;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * China's statutory retirement age (法定退休年龄) as raised by the NPC Standing Committee decision of
 * 2024-09-13, 《关于实施渐进式延迟法定退休年龄的决定》, in force from 2025-01-01, and the State Council measures it
 * approves (annexes 1-3, the 对照表 by birth month).
 *
 * <p>The plan's eligibility rule: <b>不含达到法定退休年龄人员</b> — people who have reached the statutory retirement
 * age are not eligible trainees. The hub does not reject them; it flags the event so supervisors see it.
 *
 * <p>The schedule, by birth month:
 * <ul>
 *   <li>men: born before 1965-01 retire at 60; from 1965-01 the age rises by 1 month for every 4 birth months
 *       (1965-01..04 → 60y1m, 1965-05..08 → 60y2m, …) up to 63 for those born 1976-09 or later;</li>
 *   <li>women whose former age was 55 (cadres, professional staff): the same pace from 1970-01, 58 from 1981-09;</li>
 *   <li>women whose former age was 50 (workers): 1 month for every 2 birth months from 1975-01
 *       (1975-01..02 → 50y1m, 1975-03..04 → 50y2m, …), 55 from 1984-11.</li>
 * </ul>
 * The person retires in the month given by birth month + age (a man born 1965-01 retires in 2025-02). The
 * decision's flexible early or deferred retirement (弹性退休) is an individual arrangement the hub cannot see;
 * the statutory age is what the eligibility rule refers to.
 */
public final class RetirementAge {

    /** Former age, first birth month affected, birth months per added month, and the most months added. */
    private record Schedule(int formerAgeYears, YearMonth firstAffected, int birthMonthsPerStep, int maxDelayMonths) {
    }

    private static final Schedule MALE = new Schedule(60, YearMonth.of(1965, 1), 4, 36);
    private static final Schedule FEMALE_CADRE = new Schedule(55, YearMonth.of(1970, 1), 4, 36);
    private static final Schedule FEMALE_WORKER = new Schedule(50, YearMonth.of(1975, 1), 2, 60);

    private RetirementAge() {
    }

    /** The statutory retirement age, in years and months, of a person born in {@code birthMonth}. */
    public static Period retirementAge(YearMonth birthMonth, RetirementCategory category) {
        int totalMonths = totalMonths(birthMonth, category);
        return Period.of(totalMonths / 12, totalMonths % 12, 0);
    }

    /** The month in which the person reaches the statutory retirement age: birth month + age. */
    public static YearMonth retirementMonth(YearMonth birthMonth, RetirementCategory category) {
        return birthMonth.plusMonths(totalMonths(birthMonth, category));
    }

    /**
     * Whether, on {@code onDate}, the person has reached the statutory retirement age: true from the first day of
     * the retirement month on. 不含达到法定退休年龄人员: such a person is not an eligible trainee.
     */
    public static boolean atOrPastRetirement(YearMonth birthMonth, RetirementCategory category, LocalDate onDate) {
        Objects.requireNonNull(onDate, "onDate");
        return !onDate.isBefore(retirementMonth(birthMonth, category).atDay(1));
    }

    /**
     * The category to assume when a source does not say. Women default to {@link RetirementCategory#FEMALE_CADRE}
     * (former age 55) because the programme targets professional technical personnel (专业技术人员), who retire
     * under the cadre rules; a source that knows a woman is a worker should say so.
     */
    public static RetirementCategory defaultFor(Sex sex) {
        return switch (Objects.requireNonNull(sex, "sex")) {
            case MALE -> RetirementCategory.MALE;
            case FEMALE -> RetirementCategory.FEMALE_CADRE;
        };
    }

    private static int totalMonths(YearMonth birthMonth, RetirementCategory category) {
        Objects.requireNonNull(birthMonth, "birthMonth");
        Schedule s = schedule(category);
        return s.formerAgeYears() * 12 + delayMonths(birthMonth, s);
    }

    private static int delayMonths(YearMonth birthMonth, Schedule s) {
        if (birthMonth.isBefore(s.firstAffected())) {
            return 0;
        }
        // The first affected birth month already gets one month, hence + 1.
        long monthsSinceStart = ChronoUnit.MONTHS.between(s.firstAffected(), birthMonth);
        return (int) Math.min(s.maxDelayMonths(), monthsSinceStart / s.birthMonthsPerStep() + 1);
    }

    private static Schedule schedule(RetirementCategory category) {
        return switch (Objects.requireNonNull(category, "category")) {
            case MALE -> MALE;
            case FEMALE_CADRE -> FEMALE_CADRE;
            case FEMALE_WORKER -> FEMALE_WORKER;
        };
    }
}
