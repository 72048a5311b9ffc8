package cn.henan.skillshub.reference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A new version of reference data from the provincial platform, as the API takes it and as the compacted topic
 * {@code skills.reference.v1} keeps it (key {@code <kind>/<version>}, value this record as JSON), so every hub
 * instance and every subscriber sees the same versions in the same order.
 */
record ReferenceVersion(String kind, String version, String publishedBy, Instant publishedAt,
                        SubsidyStandards subsidyStandards, InstitutionCatalogue institutions) {

    static final String SUBSIDY_STANDARDS = "subsidy-standards";
    static final String INSTITUTIONS = "institutions";

    String key() {
        return kind + "/" + version;
    }

    /** Annex 3 of a new period: every cell valid from {@code validFrom} to {@code validTo}, both days included. */
    record SubsidyStandards(@NotNull LocalDate validFrom, @NotNull LocalDate validTo,
                            @NotEmpty @Size(max = 100) List<@Valid @NotNull Cell> cells) {
    }

    record Cell(@NotBlank @Size(max = 20) String occupationCode, @NotBlank @Size(max = 20) String level,
                @NotNull @Positive @Max(10_000) Integer requiredHours,
                @NotNull @Positive @Max(1_000_000) Integer subsidyYuan) {
    }

    /** Catalogue entries (Annex 2 form) valid from {@code validFrom} to {@code validTo}, both days included. */
    record InstitutionCatalogue(@NotNull LocalDate validFrom, @NotNull LocalDate validTo,
                                @NotEmpty @Size(max = 200) List<@Valid @NotNull CatalogueInstitution> institutions) {
    }

    /** @param cityCode GB/T 2260 code of its seat; may be left out for an institution already catalogued */
    record CatalogueInstitution(@NotBlank @Size(max = 100) String name,
                                @Pattern(regexp = "\\d{6}", message = "must be six digits (GB/T 2260)") String cityCode,
                                @NotEmpty @Size(max = 20) List<@Valid @NotNull Entry> occupations) {
    }

    record Entry(@NotBlank @Size(max = 20) String occupationCode, @NotNull Batch batch) {
    }
}
