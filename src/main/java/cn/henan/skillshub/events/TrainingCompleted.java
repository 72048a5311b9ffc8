package cn.henan.skillshub.events;

import cn.henan.skillshub.reference.Level;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * {@code skills.training.completed.v1}: a trainee passed the completion exam and holds the training certificate
 * (培训合格证书). Carries what the subsidy needs: occupation, level, hours, institution and its city, payment mode.
 */
public record TrainingCompleted(
        String enrolmentNo,
        String personKey,
        String maskedIdNumber,
        String birthMonth,
        String classNo,
        String institutionName,
        String institutionCityCode,
        String occupationCode,
        Level level,
        PaymentMode paymentMode,
        LocalDate classStartsOn,
        LocalDate completedOn,
        String trainingCertificateNo,
        BigDecimal onlineHours,
        BigDecimal offlineHours,
        BigDecimal totalHours,
        LocalDate listReportedOn,
        Set<ComplianceFlag> complianceFlags) {
}
