package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.reference.ReferenceData;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 三(三)、七(一): training only within the catalogue (Annex 2), while the entry is valid. */
class TrainsWithinCatalogueTests {

    private final ReferenceData reference = new ReferenceData();

    @Test
    void institutionTrainsOnlyTheOccupationsTheCatalogueListsForIt() {
        LocalDate date = LocalDate.of(2025, 6, 1);
        // Annex 2: 河南师范大学 trains 人工智能 only.
        assertThat(TrainsWithinCatalogue.notInCatalogue(reference, "河南师范大学", "2-02-10-09", date)).isFalse();
        assertThat(TrainsWithinCatalogue.notInCatalogue(reference, "河南师范大学", "2-02-10-11", date)).isTrue();
        assertThat(TrainsWithinCatalogue.notInCatalogue(reference, "郑州数智职业培训学校", "2-02-10-09", date)).isTrue();
    }

    @Test
    void anEntryIsValidForThreeYears() {
        // Every entry runs 2025-03-24 .. 2028-03-23 (institutions.yaml states why).
        assertThat(TrainsWithinCatalogue.notInCatalogue(reference, "郑州大学", "2-02-10-09", LocalDate.of(2028, 3, 23)))
                .isFalse();
        assertThat(TrainsWithinCatalogue.notInCatalogue(reference, "郑州大学", "2-02-10-09", LocalDate.of(2028, 3, 24)))
                .isTrue();
    }

    @Test
    void aClaimIsWithinTheCatalogueUnlessTheCompletionIsFlagged() {
        assertThat(TrainsWithinCatalogue.institutionInCatalogue(Set.of())).isTrue();
        assertThat(TrainsWithinCatalogue.institutionInCatalogue(EnumSet.of(ComplianceFlag.INSTITUTION_NOT_IN_CATALOGUE)))
                .isFalse();
    }
}
