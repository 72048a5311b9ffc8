package cn.henan.skillshub.reference;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the reference data read-only. Public and unauthenticated: everything here is printed in the
 * plan itself, and institutions and trainees need it to know what they can claim.
 *
 * <p>Responses use their own small records, not the domain types, so the JSON keeps exactly the
 * documented fields whatever the domain types gain, and dates and enums are written as strings whatever
 * the application's Jackson settings are.
 */
@RestController
@RequestMapping(path = "/api/v1/reference", produces = MediaType.APPLICATION_JSON_VALUE)
class ReferenceController {

    private final ReferenceData referenceData;

    ReferenceController(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    record SubsidyStandardView(String occupationCode, String occupationName, String level, int requiredHours,
            int subsidyYuan, String validFrom, String validTo) {
    }

    record InstitutionView(String name, String cityCode, List<CatalogueEntryView> occupations) {
    }

    record CatalogueEntryView(String occupationCode, String batch) {
    }

    record OccupationView(String code, String name, String code2022) {
    }

    record CityView(String code, String name) {
    }

    @GetMapping("/subsidy-standards")
    List<SubsidyStandardView> subsidyStandards() {
        return referenceData.subsidyStandards().stream()
                .map(s -> new SubsidyStandardView(s.occupationCode(), s.occupationName(), s.level().name(),
                        s.requiredHours(), s.subsidyYuan(), s.validFrom().toString(), s.validTo().toString()))
                .toList();
    }

    @GetMapping("/institutions")
    List<InstitutionView> institutions() {
        return referenceData.institutions().stream()
                .map(i -> new InstitutionView(i.name(), i.cityCode(), i.occupations().stream()
                        .map(e -> new CatalogueEntryView(e.occupationCode(), e.batch().name()))
                        .toList()))
                .toList();
    }

    @GetMapping("/occupations")
    List<OccupationView> occupations() {
        return referenceData.occupations().stream()
                .map(o -> new OccupationView(o.code(), o.name(), o.code2022()))
                .toList();
    }

    @GetMapping("/cities")
    List<CityView> cities() {
        return referenceData.cities().stream().map(c -> new CityView(c.code(), c.name())).toList();
    }
}
