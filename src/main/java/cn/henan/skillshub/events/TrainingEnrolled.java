package cn.henan.skillshub.events;

import cn.henan.skillshub.person.Sex;
import cn.henan.skillshub.reference.Level;
import java.time.LocalDate;
import java.util.Set;

/**
 * {@code skills.training.enrolled.v1}: a trainee, under their real identity, enrolled in a class.
 *
 * @param traineeCategory 二、培育对象: the trainee's group, when the real-name system records it
 * @param schoolType      for a graduating-year student or an unemployed graduate: the school
 * @param graduatedOn     for a student: the expected graduation; for a graduate: the day of leaving school
 * @param inProvince      省内: whether the trainee is in Henan, when recorded
 */
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
        Set<ComplianceFlag> complianceFlags,
        TraineeCategory traineeCategory,
        SchoolType schoolType,
        LocalDate graduatedOn,
        Boolean inProvince) {
}
