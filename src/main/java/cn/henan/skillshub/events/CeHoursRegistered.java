package cn.henan.skillshub.events;

import java.math.BigDecimal;
import java.util.Set;

/** {@code skills.ce-hours.registered.v1}: hours registered as a year's continuing education. */
public record CeHoursRegistered(
        String registrationId,
        String personKey,
        int year,
        CeHoursCategory category,
        BigDecimal hours,
        String trainingCertificateNo,
        String status,
        Set<ComplianceFlag> complianceFlags) {
}
