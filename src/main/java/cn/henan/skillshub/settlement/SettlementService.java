package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.CertificateRevoked;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.events.SubsidyDecided.Decision;
import cn.henan.skillshub.events.SubsidyDecided.Reason;
import cn.henan.skillshub.events.TrainingCompleted;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies input events to the ledger and decides the claims they complete. Each event is one database
 * transaction: the event's ce_id is recorded as processed, the ledger changes and the decisions are appended to
 * the outbox together, or not at all. A redelivered or replayed event finds its ce_id and changes nothing.
 */
@Service
class SettlementService {

    private static final Logger log = LoggerFactory.getLogger(SettlementService.class);

    /** What became of an input event. */
    enum Outcome { APPLIED, DUPLICATE }

    private final Ledger ledger;
    private final SubsidyRules rules;
    private final TransactionTemplate tx;
    private final SettlementMetrics metrics;

    SettlementService(Ledger ledger, SubsidyRules rules, TransactionTemplate tx, SettlementMetrics metrics) {
        this.ledger = ledger;
        this.rules = rules;
        this.tx = tx;
        this.metrics = metrics;
    }

    /** {@code skills.training.completed.v1}: the training certificate and the hours; opens the claim. */
    Outcome completed(InboundEvent event, TrainingCompleted data, String occupationCode) {
        return once(event, data.personKey(), () -> {
            Completion completion = new Completion(data.enrolmentNo(), event.ceId(), data.personKey(), occupationCode,
                    data.level(), data.totalHours(), data.classStartsOn(), data.completedOn(), data.trainingCertificateNo(),
                    data.institutionName(), data.institutionCityCode(), data.paymentMode(),
                    data.complianceFlags() == null ? Set.of() : data.complianceFlags());
            Optional<Claim> existing = ledger.claimOf(data.enrolmentNo());
            if (existing.isPresent() && !existing.get().status().open()) {
                // A decided claim is final: a later version of its completion is kept for audit in processed_event
                // but changes no money. Corrections after a decision are a matter for the city bureau.
                log.warn("claim {} is already {}: a new version of its completion (ce_id {}) does not change it",
                        existing.get().claimId(), existing.get().status(), event.ceId());
                return;
            }
            ledger.saveCompletion(completion);
            Claim claim;
            if (existing.isPresent()) {
                ledger.moveOpenClaim(existing.get().claimId(), completion);
                claim = ledger.claim(existing.get().claimId()).orElseThrow();
            } else {
                claim = ledger.openClaim(completion);
            }
            decide(claim);
        });
    }

    /** {@code skills.assessment.certificate-issued.v1}: may complete the open claims of its person and level. */
    Outcome certificateIssued(InboundEvent event, CertificateIssued data, String occupationCode) {
        return once(event, data.personKey(), () -> {
            ledger.saveIssue(new LevelCertificate(data.evaluationBody(), data.certificateNo(), data.personKey(),
                    occupationCode, data.level(), data.issuedOn(), event.ceId(),
                    data.complianceFlags() == null ? Set.of() : data.complianceFlags(), null, null));
            for (Claim claim : ledger.openClaims(data.personKey(), occupationCode, data.level())) {
                decide(claim);
            }
        });
    }

    /**
     * {@code skills.assessment.certificate-revoked.v1}: an approved claim paid on this certificate is to be
     * recovered; an open claim that has no other valid certificate is rejected.
     */
    Outcome certificateRevoked(InboundEvent event, CertificateRevoked data, String occupationCode) {
        return once(event, data.personKey(), () -> {
            ledger.saveRevocation(new LevelCertificate(data.evaluationBody(), data.certificateNo(), data.personKey(),
                    occupationCode, data.level(), null, null, Set.of(), data.revokedOn(), event.ceId()));
            LevelCertificate certificate = ledger.certificate(data.evaluationBody(), data.certificateNo()).orElseThrow();
            for (Claim paid : ledger.approvedClaimsOnCertificate(data.evaluationBody(), data.certificateNo())) {
                requireRecovery(paid, certificate);
            }
            for (Claim claim : ledger.openClaims(data.personKey(), occupationCode, data.level())) {
                decide(claim);
            }
        });
    }

    /** Looks again at one held claim, e.g. after a new version of the subsidy standard was added. */
    void redecideHeld(long claimId) {
        Optional<Claim> found = ledger.claim(claimId);
        if (found.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            ledger.lockPerson(found.get().personKey());
            // Read again under the person's lock: a listener thread may have decided it meanwhile.
            ledger.claim(claimId).filter(c -> c.status() == ClaimStatus.HELD).ifPresent(c -> decide(c));
        });
    }

    /**
     * Looks again at a claim rejected as training outside the catalogue, after a catalogue version was added: if
     * the institution is now catalogued for the occupation on the day the class started, the flag is cleared and the
     * claim decided anew (held or approved; a claim that would only be rejected again for another reason keeps its
     * rejection, which already stands). Returns whether the claim was decided again.
     */
    boolean redecideRejectedOutsideCatalogue(long claimId) {
        Optional<Claim> found = ledger.claim(claimId);
        if (found.isEmpty()) {
            return false;
        }
        Boolean decidedAgain = tx.execute(status -> {
            ledger.lockPerson(found.get().personKey());
            Optional<Claim> claim = ledger.claim(claimId).filter(c -> c.status() == ClaimStatus.REJECTED);
            if (claim.isEmpty()) {
                return false;
            }
            Completion completion = ledger.completion(claim.get().enrolmentNo()).orElseThrow();
            if (!completion.complianceFlags().contains(ComplianceFlag.INSTITUTION_NOT_IN_CATALOGUE)
                    || !rules.institutionNowInCatalogue(completion)) {
                return false;
            }
            Completion cleared = completion.without(ComplianceFlag.INSTITUTION_NOT_IN_CATALOGUE);
            Optional<Verdict> verdict = verdictOf(claim.get(), cleared);
            if (verdict.isEmpty() || verdict.get().decision() == Decision.REJECTED) {
                return false;
            }
            ledger.updateCompletionFlags(cleared.enrolmentNo(), cleared.complianceFlags());
            ledger.reopenRejectedClaim(claimId);
            decide(ledger.claim(claimId).orElseThrow());
            return true;
        });
        return Boolean.TRUE.equals(decidedAgain);
    }

    /** What the rules would decide for this claim and completion now, if it has a valid level certificate. */
    private Optional<Verdict> verdictOf(Claim claim, Completion completion) {
        Optional<LevelCertificate> valid = ledger.certificates(claim.personKey(), claim.occupationCode(), claim.level())
                .stream().filter(LevelCertificate::valid).min(Comparator.comparing(LevelCertificate::issuedOn));
        if (valid.isEmpty()) {
            return Optional.empty();
        }
        List<Claim> paid = ledger.paidClaims(claim.personKey(), claim.occupationCode()).stream()
                .filter(c -> c.claimId() != claim.claimId()).toList();
        return Optional.of(rules.decide(completion, valid.get(), paid));
    }

    private Outcome once(InboundEvent event, String personKey, Runnable effect) {
        Outcome outcome = tx.execute(status -> {
            ledger.lockPerson(personKey);
            if (!ledger.markProcessed(event)) {
                return Outcome.DUPLICATE;
            }
            effect.run();
            return Outcome.APPLIED;
        });
        metrics.event(outcome == Outcome.DUPLICATE ? "duplicate" : "applied");
        if (outcome == Outcome.DUPLICATE) {
            log.debug("event {} ({}) was processed before; skipped", event.ceId(), event.ceType());
        }
        return outcome;
    }

    /** Decides an open claim if it has what it needs; appends a decision only when the claim's state changes. */
    private void decide(Claim claim) {
        if (!claim.status().open()) {
            return;
        }
        Completion completion = ledger.completion(claim.enrolmentNo()).orElseThrow();
        List<LevelCertificate> certificates = ledger.certificates(claim.personKey(), claim.occupationCode(),
                claim.level());
        Optional<LevelCertificate> valid = certificates.stream().filter(LevelCertificate::valid)
                .min(Comparator.comparing(LevelCertificate::issuedOn));
        if (valid.isEmpty()) {
            // 取得…相应专业技术等级证书: without a valid level certificate there is nothing to pay on. A claim whose
            // only certificates were revoked is rejected; one that has none yet waits (no decision).
            certificates.stream().filter(LevelCertificate::revoked).findFirst()
                    .ifPresent(revoked -> rejectForRevokedCertificate(claim, completion, revoked));
            return;
        }
        LevelCertificate certificate = valid.get();
        List<Claim> paid = ledger.paidClaims(claim.personKey(), claim.occupationCode()).stream()
                .filter(c -> c.claimId() != claim.claimId()).toList();
        Verdict verdict = rules.decide(completion, certificate, paid);
        if (verdict.decision() == Decision.HELD && claim.status() == ClaimStatus.HELD) {
            return; // still no standard in force: already held, nothing new to say
        }
        SubsidyDecided decision = new SubsidyDecided(claim.claimId(), verdict.decision(), verdict.reasons(),
                completion.personKey(), completion.occupationCode(), completion.level(), completion.enrolmentNo(),
                completion.trainingCertificateNo(), certificate.certificateNo(),
                verdict.standard() == null ? null : verdict.standard().version(),
                verdict.standard() == null ? null : verdict.standard().requiredHours(), completion.totalHours(),
                verdict.amountYuan(), completion.paymentMode(), verdict.payeeType(), verdict.payee(),
                verdict.cityCode(), ceIds(completion.ceId(), certificate.issuedCeId()), now(),
                flags(completion, certificate));
        record(claim, ClaimStatus.valueOf(verdict.decision().name()), decision, certificate.evaluationBody());
    }

    private void rejectForRevokedCertificate(Claim claim, Completion completion, LevelCertificate revoked) {
        SubsidyDecided decision = new SubsidyDecided(claim.claimId(), Decision.REJECTED,
                List.of(Reason.LEVEL_CERTIFICATE_REVOKED), completion.personKey(), completion.occupationCode(),
                completion.level(), completion.enrolmentNo(), completion.trainingCertificateNo(),
                revoked.certificateNo(), null, null, completion.totalHours(), null, completion.paymentMode(),
                SubsidyRules.payeeType(completion), SubsidyRules.payee(completion),
                SubsidyRules.payingCity(completion).orElse(null),
                ceIds(completion.ceId(), revoked.issuedCeId(), revoked.revokedCeId()), now(),
                flags(completion, revoked));
        record(claim, ClaimStatus.REJECTED, decision, revoked.evaluationBody());
    }

    /** A level certificate revoked after approval: the amount paid on it is to be recovered (追回). */
    private void requireRecovery(Claim paid, LevelCertificate certificate) {
        Completion completion = ledger.completion(paid.enrolmentNo()).orElseThrow();
        SubsidyDecided decision = new SubsidyDecided(paid.claimId(), Decision.RECOVERY_REQUIRED,
                List.of(Reason.LEVEL_CERTIFICATE_REVOKED), completion.personKey(), completion.occupationCode(),
                completion.level(), completion.enrolmentNo(), completion.trainingCertificateNo(),
                certificate.certificateNo(), paid.standardVersion(), null, completion.totalHours(),
                paid.amountYuan(), completion.paymentMode(), paid.payeeType(), paid.payee(), paid.cityCode(),
                ceIds(completion.ceId(), certificate.issuedCeId(), certificate.revokedCeId()), now(),
                flags(completion, certificate));
        record(paid, ClaimStatus.RECOVERY_REQUIRED, decision, certificate.evaluationBody());
    }

    private void record(Claim claim, ClaimStatus status, SubsidyDecided decision, String evaluationBody) {
        ledger.updateClaim(claim.claimId(), status, decision, evaluationBody);
        ledger.appendDecision(decision);
        metrics.decision(decision.decision());
        log.info("claim {} of {} ({} {}): {} {}{}", claim.claimId(), decision.personKey(), decision.occupationCode(),
                decision.level(), decision.decision(), decision.reasonCodes(),
                decision.amountYuan() == null ? "" : ", " + decision.amountYuan() + " yuan to " + decision.payeeType()
                        + " via city " + decision.cityCode());
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
