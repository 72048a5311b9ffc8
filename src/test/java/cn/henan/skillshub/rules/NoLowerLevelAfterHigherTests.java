package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.reference.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 六(六) 已享受高等级补贴的,不得再享受低等级补贴. */
class NoLowerLevelAfterHigherTests {

    @Test
    void paidAtSeniorMeansNoIntermediate_paidAtJuniorStillAllowsIntermediate() {
        assertThat(NoLowerLevelAfterHigher.notPaidAtAHigherLevel(Level.INTERMEDIATE, List.of(Level.SENIOR))).isFalse();
        assertThat(NoLowerLevelAfterHigher.notPaidAtAHigherLevel(Level.INTERMEDIATE, List.of(Level.JUNIOR))).isTrue();
        assertThat(NoLowerLevelAfterHigher.notPaidAtAHigherLevel(Level.INTERMEDIATE, List.of(Level.INTERMEDIATE)))
                .isTrue();
    }
}
