package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.ReferenceData;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 六(六) Annex 3, 试行到2025年12月31日: the standard in force on the day the claim arises. */
class StandardInForceTests {

    private final ReferenceData reference = new ReferenceData();

    @Test
    void theClaimArisesWhenTheLaterCertificateIsIssued() {
        LocalDate training = LocalDate.of(2025, 12, 20);
        LocalDate level = LocalDate.of(2026, 1, 10);
        assertThat(StandardInForce.claimArisesOn(training, level)).isEqualTo(level);
        assertThat(StandardInForce.claimArisesOn(level, training)).isEqualTo(level);
    }

    @Test
    void annex3AppliesUntilTheLastDayOf2025() {
        // 集成电路 junior: 128 hours, 2267 yuan.
        assertThat(StandardInForce.applicableStandard(reference, "2-02-09-06", Level.JUNIOR,
                LocalDate.of(2025, 12, 30), LocalDate.of(2025, 12, 31)))
                .hasValueSatisfying(s -> {
                    assertThat(s.requiredHours()).isEqualTo(128);
                    assertThat(s.subsidyYuan()).isEqualTo(2267);
                });
    }

    @Test
    void aClaimArisingIn2026HasNoStandardAndIsHeld() {
        assertThat(StandardInForce.applicableStandard(reference, "2-02-09-06", Level.JUNIOR,
                LocalDate.of(2025, 12, 20), LocalDate.of(2026, 1, 1))).isEmpty();
    }
}
