package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.reference.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 六(六) 同一人员同一职业(工种)同一层级不得重复申领培训补贴. */
class OneSubsidyPerLevelTests {

    @Test
    void aLevelAlreadyPaidIsNotPaidAgain() {
        assertThat(OneSubsidyPerLevel.notYetPaidAtThisLevel(Level.INTERMEDIATE, List.of())).isTrue();
        assertThat(OneSubsidyPerLevel.notYetPaidAtThisLevel(Level.INTERMEDIATE, List.of(Level.JUNIOR))).isTrue();
        assertThat(OneSubsidyPerLevel.notYetPaidAtThisLevel(Level.INTERMEDIATE, List.of(Level.INTERMEDIATE))).isFalse();
    }
}
