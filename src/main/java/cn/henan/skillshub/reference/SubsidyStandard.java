package cn.henan.skillshub.reference;

import java.time.LocalDate;

/**
 * One cell of a version of the subsidy standard (Annex 3 of the plan): for an occupation and level,
 * the study hours required and the subsidy paid, valid from {@code validFrom} to {@code validTo}, both
 * days included.
 *
 * @param version        id of the version the cell belongs to, e.g. {@code 2025-03-24}
 * @param occupationCode occupation code as the plan prints it
 * @param occupationName Chinese name as the plan prints it
 */
public record SubsidyStandard(String version, String occupationCode, String occupationName, Level level,
        int requiredHours, int subsidyYuan, LocalDate validFrom, LocalDate validTo) {

    boolean inForceOn(LocalDate date) {
        return !date.isBefore(validFrom) && !date.isAfter(validTo);
    }

    boolean overlaps(SubsidyStandard other) {
        return !validFrom.isAfter(other.validTo) && !other.validFrom.isAfter(validTo);
    }
}
