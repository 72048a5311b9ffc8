package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 七(二): one trainee, one class at a time. */
class OneClassAtATimeTests {

    @Test
    void classesSharingADayOverlap_consecutiveOnesDoNot() {
        LocalDate s1 = LocalDate.of(2025, 4, 7);
        LocalDate e1 = LocalDate.of(2025, 5, 6);
        assertThat(OneClassAtATime.overlap(s1, e1, LocalDate.of(2025, 5, 6), LocalDate.of(2025, 6, 1))).isTrue();
        assertThat(OneClassAtATime.overlap(s1, e1, LocalDate.of(2025, 5, 7), LocalDate.of(2025, 6, 1))).isFalse();
        assertThat(OneClassAtATime.overlap(s1, e1, LocalDate.of(2025, 3, 1), null)).isFalse();
        assertThat(OneClassAtATime.overlap(s1, e1, LocalDate.of(2025, 4, 20), null)).isTrue();
    }
}
