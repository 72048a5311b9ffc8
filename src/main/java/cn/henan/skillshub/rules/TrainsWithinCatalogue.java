package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.reference.ReferenceData;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * 三(三)、七(一): "纳入目录的培训和评价机构有效期为3年" and "不得在目录之外…开展相关培训评价活动" — catalogued
 * institutions are valid for 3 years, and no training may take place outside the catalogue. An institution trains
 * only the occupations Annex 2 (or a later catalogue version) lists for it, while the entry is valid, on the day the
 * class starts. Flagged on the class, the enrolment and the completion; training outside it is not subsidised.
 */
public final class TrainsWithinCatalogue implements PlanRule {

    /** Whether the institution may not train this occupation (either edition's code) on this day. */
    public static boolean notInCatalogue(ReferenceData reference, String institutionName, String occupationCode,
                                         LocalDate onDate) {
        return !reference.inCatalogue(institutionName, occupationCode, onDate);
    }

    /** For a claim: the completion carries no {@link ComplianceFlag#INSTITUTION_NOT_IN_CATALOGUE} flag. */
    public static boolean institutionInCatalogue(Set<ComplianceFlag> completionFlags) {
        return !completionFlags.contains(ComplianceFlag.INSTITUTION_NOT_IN_CATALOGUE);
    }

    @Override
    public String id() {
        return "TRAINS_WITHIN_CATALOGUE";
    }

    @Override
    public String clause() {
        return "三(三)、七(一)";
    }

    @Override
    public String planWords() {
        return "纳入目录的培训和评价机构有效期为3年;不得在目录之外或转包、转让给其他机构开展相关培训评价活动";
    }

    @Override
    public String english() {
        return "Catalogued institutions are valid for 3 years; no training outside the catalogue: an institution "
                + "trains only the occupations its catalogue entries list, while they are valid.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(ComplianceFlag.INSTITUTION_NOT_IN_CATALOGUE, SubsidyDecided.Reason.INSTITUTION_NOT_IN_CATALOGUE);
    }
}
