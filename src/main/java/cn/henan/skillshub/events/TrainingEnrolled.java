package cn.henan.skillshub.events;

import cn.henan.skillshub.person.Sex;
import cn.henan.skillshub.reference.Level;
import java.time.LocalDate;
import java.util.Set;

/** {@code skills.training.enrolled.v1}: a trainee, under their real identity, enrolled in a class. */
public record TrainingEnrolled(
        String enrolmentNo,
        String personKey,
        String maskedIdNumber,
        String birthMonth,
        Sex sex,
        String classNo,
        String planNo,
        String institutionName,
        String institutionCityCode,
        String occupationCode,
        Level level,
        PaymentMode paymentMode,
        LocalDate enrolledOn,
        LocalDate classStartsOn,
        Set<ComplianceFlag> complianceFlags) {
}
