package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** 六(一) 对取得培训合格证书的,可登记为当年度…专业科目学时: the hours its training gave, not more. */
class CeHoursFromTrainingCertificateTests {

    @Test
    void atMostTheTrainingsHoursMayBeRegistered() {
        // 物联网 junior: Annex 3 requires 128 hours.
        BigDecimal training = new BigDecimal("128");
        assertThat(CeHoursFromTrainingCertificate.ceHoursExceedTrainingHours(new BigDecimal("128"), training)).isFalse();
        assertThat(CeHoursFromTrainingCertificate.ceHoursExceedTrainingHours(new BigDecimal("128.5"), training)).isTrue();
    }

    @Test
    void aCertificateTheHubHasNotSeenCannotBeChecked() {
        assertThat(CeHoursFromTrainingCertificate.ceHoursExceedTrainingHours(new BigDecimal("999"), null)).isFalse();
    }
}
