package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.SubsidyDecided.Decision;
import org.junit.jupiter.api.Test;

/** 七(二) 违规骗取证书或补贴: a claim on a revoked certificate is rejected, or recovered once approved. */
class RevokedCertificateRecoveredTests {

    @Test
    void anApprovedClaimIsRecovered_anOpenOneRejected() {
        assertThat(RevokedCertificateRecovered.onRevocation(true)).isEqualTo(Decision.RECOVERY_REQUIRED);
        assertThat(RevokedCertificateRecovered.onRevocation(false)).isEqualTo(Decision.REJECTED);
    }
}
