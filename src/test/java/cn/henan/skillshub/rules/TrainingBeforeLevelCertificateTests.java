package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** 五(三)、七(一): the level certificate comes after a completed training. */
class TrainingBeforeLevelCertificateTests {

    private static final Period GRACE = TrainingBeforeLevelCertificate.DEFAULT_GRACE;

    @Test
    void aCertificateWithoutCompletionIsAFindingAfterNinetyDays() {
        LocalDate issued = LocalDate.of(2025, 6, 1);
        assertThat(TrainingBeforeLevelCertificate.withoutTrainingDueOn(issued, GRACE)).isEqualTo(LocalDate.of(2025, 8, 31));
        assertThat(TrainingBeforeLevelCertificate.certificateWithoutTraining(issued, false, LocalDate.of(2025, 8, 30), GRACE))
                .isFalse();
        assertThat(TrainingBeforeLevelCertificate.certificateWithoutTraining(issued, false, LocalDate.of(2025, 8, 31), GRACE))
                .isTrue();
        assertThat(TrainingBeforeLevelCertificate.certificateWithoutTraining(issued, true, LocalDate.of(2026, 1, 1), GRACE))
                .isFalse();
    }

    @Test
    void issuedOrAssessedBeforeTheCompletionIsAFinding_onTheSameDayIsNot() {
        LocalDate completed = LocalDate.of(2025, 6, 10);
        assertThat(TrainingBeforeLevelCertificate.issuedBeforeTrainingEnded(LocalDate.of(2025, 6, 9), completed)).isTrue();
        assertThat(TrainingBeforeLevelCertificate.issuedBeforeTrainingEnded(completed, completed)).isFalse();
        assertThat(TrainingBeforeLevelCertificate.assessedBeforeTrainingEnded(LocalDate.of(2025, 6, 1), completed)).isTrue();
        assertThat(TrainingBeforeLevelCertificate.assessedBeforeTrainingEnded(LocalDate.of(2025, 6, 13), completed))
                .isFalse();
    }
}
