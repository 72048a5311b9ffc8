package cn.henan.skillshub.reference;

import java.time.LocalDate;

/**
 * Permission of a catalogued institution to train one occupation, with the batch that approved it and
 * the period (both days included) in which the entry is valid.
 *
 * @param occupationCode occupation code as the plan prints it
 */
public record CatalogueEntry(String occupationCode, Batch batch, LocalDate validFrom, LocalDate validTo) {

    boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && !date.isAfter(validTo);
    }
}
