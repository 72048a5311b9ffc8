package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SubsidyDecided;
import java.util.List;

/**
 * 七(二): "对弄虚作假、虚报冒领、违规骗取证书或补贴的单位和个人,交由有关单位依法依规处理" — certificates or subsidies
 * obtained by fraud are dealt with. A level certificate revoked by its evaluation body is no ground for a subsidy: an
 * open claim resting on it is rejected, one already approved is to be recovered (追回).
 */
public final class RevokedCertificateRecovered implements PlanRule {

    /** What a revocation does to a claim resting on the certificate: recovery if paid, else rejection. */
    public static SubsidyDecided.Decision onRevocation(boolean alreadyApproved) {
        return alreadyApproved ? SubsidyDecided.Decision.RECOVERY_REQUIRED : SubsidyDecided.Decision.REJECTED;
    }

    @Override
    public String id() {
        return "REVOKED_CERTIFICATE_RECOVERED";
    }

    @Override
    public String clause() {
        return "七(二)";
    }

    @Override
    public String planWords() {
        return "对弄虚作假、虚报冒领、违规骗取证书或补贴的单位和个人,交由有关单位依法依规处理";
    }

    @Override
    public String english() {
        return "Certificates or subsidies obtained by fraud are dealt with: a claim on a revoked level certificate "
                + "is rejected, or recovered if already approved.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(SubsidyDecided.Reason.LEVEL_CERTIFICATE_REVOKED, SubsidyDecided.Decision.RECOVERY_REQUIRED);
    }
}
