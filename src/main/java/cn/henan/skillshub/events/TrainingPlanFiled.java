package cn.henan.skillshub.events;

import cn.henan.skillshub.reference.Level;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/** {@code skills.training.plan-filed.v1}: a class opened under a training plan filed with the city bureau. */
public record TrainingPlanFiled(
        String classNo,
        String planNo,
        String institutionName,
        String institutionCityCode,
        String occupationCode,
        String occupationCode2022,
        Level level,
        LocalDate filedOn,
        LocalDate classStartsOn,
        LocalDate classEndsOn,
        BigDecimal totalHours,
        BigDecimal plannedOnlineHours,
        Set<ComplianceFlag> complianceFlags) {
}
