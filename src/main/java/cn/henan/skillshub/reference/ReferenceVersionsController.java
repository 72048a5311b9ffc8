package cn.henan.skillshub.reference;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * New versions of reference data from the provincial platform (PLATFORM): refused with 400/422 when malformed and
 * 409 when the version exists or its validity overlaps what is in force.
 */
@RestController
@RequestMapping(path = "/api/v1/reference", produces = MediaType.APPLICATION_JSON_VALUE)
class ReferenceVersionsController {

    private final ReferenceVersions versions;

    ReferenceVersionsController(ReferenceVersions versions) {
        this.versions = versions;
    }

    @Operation(summary = "Publish a new version of the subsidy standard (Annex 3 form) with its validity")
    @PutMapping(path = "/subsidy-standards/{version}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ReferenceVersions.Published subsidyStandards(@PathVariable String version,
            @Valid @RequestBody ReferenceVersion.SubsidyStandards body, Authentication caller) {
        return versions.publishSubsidyStandards(version, body, caller.getName());
    }

    @Operation(summary = "Publish a new version of the institution catalogue (Annex 2 form) with its validity")
    @PutMapping(path = "/institutions/{version}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ReferenceVersions.Published institutions(@PathVariable String version,
            @Valid @RequestBody ReferenceVersion.InstitutionCatalogue body, Authentication caller) {
        return versions.publishInstitutions(version, body, caller.getName());
    }
}
