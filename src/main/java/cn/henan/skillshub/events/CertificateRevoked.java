package cn.henan.skillshub.events;

import cn.henan.skillshub.reference.Level;
import java.time.LocalDate;

/** {@code skills.assessment.certificate-revoked.v1}: a level certificate withdrawn by its evaluation body. */
public record CertificateRevoked(
        String certificateNo,
        String personKey,
        String evaluationBody,
        String occupationCode,
        Level level,
        LocalDate revokedOn,
        String reason) {
}
