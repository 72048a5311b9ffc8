package cn.henan.skillshub.reference;

import java.util.List;

/**
 * Published (as a Spring application event) after {@link ReferenceData#addInstitutionCatalogueVersion} has made a
 * new version of the institution catalogue visible, so that a claim rejected as training outside the catalogue
 * can be looked at again (issue 17: a reason a new reference version removes no longer stands).
 *
 * @param version      id of the version just added
 * @param institutions the institutions it lists, with the entries it adds
 */
public record InstitutionCatalogueVersionAdded(String version, List<Institution> institutions) {

    public InstitutionCatalogueVersionAdded {
        institutions = List.copyOf(institutions);
    }
}
