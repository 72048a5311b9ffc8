package cn.henan.skillshub.sources.realname;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.person.Sex;
import cn.henan.skillshub.reference.ReferenceData;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The flags a trainee's records carry (the rules themselves: {@code cn.henan.skillshub.rules}, a test each). */
class TrainingComplianceTests {

    private final TrainingCompliance compliance = new TrainingCompliance(new ReferenceData());

    @Test
    void institutionTrainsOnlyTheOccupationsTheCatalogueListsForIt() {
        LocalDate date = LocalDate.of(2025, 6, 1);
        // Annex 2: 河南师范大学 trains 人工智能 only; 河南理工大学 智能制造 only.
        assertThat(compliance.institutionNotInCatalogue("河南师范大学", "2-02-10-09", date)).isFalse();
        assertThat(compliance.institutionNotInCatalogue("河南师范大学", "2-02-10-11", date)).isTrue();
        assertThat(compliance.institutionNotInCatalogue("河南理工大学", "2-02-07-13", date)).isFalse();
        assertThat(compliance.institutionNotInCatalogue("郑州数智职业培训学校", "2-02-10-09", date)).isTrue();
    }

    @Test
    void aTraineeAtRetirementAgeWhenTheClassStartsIsFlagged() {
        // A man born 1965-01 retires at 60 years 1 month, in 2025-02.
        YearMonth born = YearMonth.of(1965, 1);
        assertThat(compliance.traineeFlags("郑州大学", "2-02-10-09", born, Sex.MALE, LocalDate.of(2025, 1, 31)))
                .doesNotContain(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE);
        assertThat(compliance.traineeFlags("郑州大学", "2-02-10-09", born, Sex.MALE, LocalDate.of(2025, 2, 1)))
                .contains(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE);
    }
}
