package cn.henan.skillshub.events;

import cn.henan.skillshub.reference.Level;
import java.time.LocalDate;
import java.util.Set;

/** {@code skills.assessment.certificate-issued.v1}: an evaluation body issued a level certificate (专业技术等级证书). */
public record CertificateIssued(
        String certificateNo,
        String personKey,
        String maskedIdNumber,
        String birthMonth,
        String evaluationBody,
        String occupationCode,
        Level level,
        LocalDate issuedOn,
        Set<ComplianceFlag> complianceFlags) {
}
