package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SupervisionFinding;
import java.time.LocalDate;
import java.util.List;

/**
 * 五(二): "在培训结业30日内将学员名单和培训情况报所在省辖市级人力资源社会保障部门和省人力资源社会保障厅" — the trainee
 * list and the training's outcome are reported within 30 days after completion. A list reported late is flagged
 * on the completion. Supervision also finds a list not reported by the passing of time: on the 31st day after
 * completion with no report, {@link SupervisionFinding.Rule#TRAINEE_LIST_NOT_REPORTED}.
 */
public final class TraineeListWithinThirtyDays implements PlanRule {

    public static final int REPORTING_DAYS = 30;

    /** Whether the list was reported more than 30 days after completion; {@code null} (not yet) is not late. */
    public static boolean traineeListReportedLate(LocalDate completedOn, LocalDate listReportedOn) {
        return listReportedOn != null && listReportedOn.isAfter(lastReportingDay(completedOn));
    }

    /** The last day on which the list is on time: completion + 30 days. */
    public static LocalDate lastReportingDay(LocalDate completedOn) {
        return completedOn.plusDays(REPORTING_DAYS);
    }

    /** Whether, on {@code today}, the list is not reported in time: late, or not yet and the 30 days are over. */
    public static boolean notReportedInTime(LocalDate completedOn, LocalDate listReportedOn, LocalDate today) {
        LocalDate last = lastReportingDay(completedOn);
        return listReportedOn == null ? today.isAfter(last) : listReportedOn.isAfter(last);
    }

    @Override
    public String id() {
        return "TRAINEE_LIST_WITHIN_30_DAYS";
    }

    @Override
    public String clause() {
        return "五(二)";
    }

    @Override
    public String planWords() {
        return "在培训结业30日内将学员名单和培训情况报所在省辖市级人力资源社会保障部门和省人力资源社会保障厅";
    }

    @Override
    public String english() {
        return "The trainee list and the training's outcome are reported within 30 days after completion.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(ComplianceFlag.TRAINEE_LIST_REPORTED_LATE, SupervisionFinding.Rule.TRAINEE_LIST_NOT_REPORTED);
    }
}
