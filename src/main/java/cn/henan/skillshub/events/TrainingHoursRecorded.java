package cn.henan.skillshub.events;

import java.math.BigDecimal;
import java.util.Set;

/** {@code skills.training.hours-recorded.v1}: the hours a trainee has attended so far, online and offline. */
public record TrainingHoursRecorded(
        String enrolmentNo,
        String personKey,
        String classNo,
        BigDecimal onlineHours,
        BigDecimal offlineHours,
        BigDecimal totalHours,
        BigDecimal courseTotalHours,
        Set<ComplianceFlag> complianceFlags) {
}
