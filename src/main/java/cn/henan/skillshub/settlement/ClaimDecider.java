package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.events.SubsidyDecided.Decision;
import cn.henan.skillshub.events.SubsidyDecided.Reason;
import cn.henan.skillshub.settlement.Ledger.Claim;
import cn.henan.skillshub.settlement.Ledger.ClaimStatus;
import cn.henan.skillshub.settlement.Ledger.Completion;
import cn.henan.skillshub.settlement.Ledger.LevelCertificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What an open claim's facts decide, as the decision to write, without reading or writing the ledger: the event
 * path reads the facts of one claim, the release of held claims reads those of a whole chunk at once (design
 * decision 47), and both decide here, so the two can never decide differently.
 */
@Component
class ClaimDecider {

    /** A decision made for a claim: the claim's new status and the decision appended to the outbox. */
    record Decided(Claim claim, ClaimStatus status, SubsidyDecided decision, String evaluationBody) {
    }

    private final SubsidyRules rules;

    ClaimDecider(SubsidyRules rules) {
        this.rules = rules;
    }

    /**
     * Decides an open claim if it has what it needs; empty when the claim's state does not change (no valid level
     * certificate yet, or still held for want of a standard).
     *
     * @param certificates the person's level certificates of the claim's occupation and level
     * @param paidClaims   the person's paid claims of the claim's occupation; asked only when a certificate is valid
     */
    Optional<Decided> decide(Claim claim, Completion completion, List<LevelCertificate> certificates,
                             Supplier<List<Claim>> paidClaims) {
        if (!claim.status().open()) {
            return Optional.empty();
        }
        Optional<LevelCertificate> valid = certificates.stream().filter(LevelCertificate::valid)
                .min(Comparator.comparing(LevelCertificate::issuedOn));
        if (valid.isEmpty()) {
            // 取得…相应专业技术等级证书: without a valid level certificate there is nothing to pay on. A claim whose
            // only certificates were revoked is rejected; one that has none yet waits (no decision).
            return certificates.stream().filter(LevelCertificate::revoked).findFirst()
                    .map(revoked -> rejectedForRevokedCertificate(claim, completion, revoked));
        }
        LevelCertificate certificate = valid.get();
        List<Claim> paid = paidClaims.get().stream().filter(c -> c.claimId() != claim.claimId()).toList();
        Verdict verdict = rules.decide(completion, certificate, paid);
        if (verdict.decision() == Decision.HELD && claim.status() == ClaimStatus.HELD) {
            return Optional.empty(); // still no standard in force: already held, nothing new to say
        }
        SubsidyDecided decision = new SubsidyDecided(claim.claimId(), verdict.decision(), verdict.reasons(),
                completion.personKey(), completion.occupationCode(), completion.level(), completion.enrolmentNo(),
                completion.trainingCertificateNo(), certificate.certificateNo(),
                verdict.standard() == null ? null : verdict.standard().version(),
                verdict.standard() == null ? null : verdict.standard().requiredHours(), completion.totalHours(),
                verdict.amountYuan(), completion.paymentMode(), verdict.payeeType(), verdict.payee(),
                verdict.cityCode(), ceIds(completion.ceId(), certificate.issuedCeId()), now(),
                flags(completion, certificate));
        return Optional.of(new Decided(claim, ClaimStatus.valueOf(verdict.decision().name()), decision,
                certificate.evaluationBody()));
    }

    /** A level certificate revoked after approval: the amount paid on it is to be recovered (追回). */
    Decided recovery(Claim paid, Completion completion, LevelCertificate certificate) {
        SubsidyDecided decision = new SubsidyDecided(paid.claimId(), Decision.RECOVERY_REQUIRED,
                List.of(Reason.LEVEL_CERTIFICATE_REVOKED), completion.personKey(), completion.occupationCode(),
                completion.level(), completion.enrolmentNo(), completion.trainingCertificateNo(),
                certificate.certificateNo(), paid.standardVersion(), null, completion.totalHours(),
                paid.amountYuan(), completion.paymentMode(), paid.payeeType(), paid.payee(), paid.cityCode(),
                ceIds(completion.ceId(), certificate.issuedCeId(), certificate.revokedCeId()), now(),
                flags(completion, certificate));
        return new Decided(paid, ClaimStatus.RECOVERY_REQUIRED, decision, certificate.evaluationBody());
    }

    private Decided rejectedForRevokedCertificate(Claim claim, Completion completion, LevelCertificate revoked) {
        SubsidyDecided decision = new SubsidyDecided(claim.claimId(), Decision.REJECTED,
                List.of(Reason.LEVEL_CERTIFICATE_REVOKED), completion.personKey(), completion.occupationCode(),
                completion.level(), completion.enrolmentNo(), completion.trainingCertificateNo(),
                revoked.certificateNo(), null, null, completion.totalHours(), null, completion.paymentMode(),
                SubsidyRules.payeeType(completion), SubsidyRules.payee(completion),
                SubsidyRules.payingCity(completion).orElse(null),
                ceIds(completion.ceId(), revoked.issuedCeId(), revoked.revokedCeId()), now(),
                flags(completion, revoked));
        return new Decided(claim, ClaimStatus.REJECTED, decision, revoked.evaluationBody());
    }

    /** The decision in words for the log: the claim, the pseudonymous person key, never an ID number. */
    static String describe(Decided decided) {
        SubsidyDecided d = decided.decision();
        return d.claimId() + " of " + d.personKey() + " (" + d.occupationCode() + " " + d.level() + "): "
                + d.decision() + " " + d.reasonCodes()
                + (d.amountYuan() == null ? "" : ", " + d.amountYuan() + " yuan to " + d.payeeType() + " via city "
                + d.cityCode());
    }

    private static List<String> ceIds(String... ids) {
        Set<String> set = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null) {
                set.add(id);
            }
        }
        return new ArrayList<>(set);
    }

    private static Set<ComplianceFlag> flags(Completion completion, LevelCertificate certificate) {
        Set<ComplianceFlag> flags = EnumSet.noneOf(ComplianceFlag.class);
        flags.addAll(completion.complianceFlags());
        flags.addAll(certificate.complianceFlags());
        return flags;
    }

    private static OffsetDateTime now() {
        // PostgreSQL keeps microseconds: the event published later is read back from the ledger, so truncate here.
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
