package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.ComplianceFlag;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 五(三) 理论知识考试、专业能力考核成绩均合格的,获得相应专业技术等级证书. */
class LevelCertificateNeedsBothPartsTests {

    @Test
    void aCertificateWhoseRecordSaysAPartFailedBreaksTheRule() {
        assertThat(LevelCertificateNeedsBothParts.certificateWithFailedPart(true, true)).isFalse();
        assertThat(LevelCertificateNeedsBothParts.certificateWithFailedPart(false, true)).isTrue();
        assertThat(LevelCertificateNeedsBothParts.certificateWithFailedPart(true, false)).isTrue();
    }

    @Test
    void aPartTheRecordDoesNotMentionIsNotHeldAgainstIt() {
        assertThat(LevelCertificateNeedsBothParts.certificateWithFailedPart(null, null)).isFalse();
        assertThat(LevelCertificateNeedsBothParts.certificateWithFailedPart(null, false)).isTrue();
    }

    @Test
    void aFlaggedCertificateIsNotTheMatchingLevelCertificate() {
        assertThat(LevelCertificateNeedsBothParts.certificatePassedBothParts(Set.of())).isTrue();
        assertThat(LevelCertificateNeedsBothParts.certificatePassedBothParts(
                EnumSet.of(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART))).isFalse();
    }
}
