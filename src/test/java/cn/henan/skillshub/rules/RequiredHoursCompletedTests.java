package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.SubsidyStandard;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 六(六) 完成规定的学时和内容: at least Annex 3's 学时要求. */
class RequiredHoursCompletedTests {

    // 云计算 senior: 192 hours, 4089 yuan.
    private final SubsidyStandard cloudSenior = new SubsidyStandard("2025-03-24", "2-02-10-12", "云计算工程技术人员",
            Level.SENIOR, 192, 4089, LocalDate.of(2025, 3, 24), LocalDate.of(2025, 12, 31));

    @Test
    void theRequiredHoursAreEnough_oneHalfHourLessIsNot() {
        assertThat(RequiredHoursCompleted.requiredHoursMet(new BigDecimal("192"), cloudSenior)).isTrue();
        assertThat(RequiredHoursCompleted.requiredHoursMet(new BigDecimal("191.5"), cloudSenior)).isFalse();
    }
}
