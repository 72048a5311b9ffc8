package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.CertificateRevoked;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SubsidyDecided.Decision;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.settlement.ClaimDecider.Decided;
import cn.henan.skillshub.settlement.Ledger.Claim;
import cn.henan.skillshub.settlement.Ledger.ClaimStatus;
import cn.henan.skillshub.settlement.Ledger.Completion;
import cn.henan.skillshub.settlement.Ledger.LevelCertificate;
import java.util.Comparator;
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
    private final ClaimDecider decider;
    private final TransactionTemplate tx;
    private final SettlementMetrics metrics;

    SettlementService(Ledger ledger, SubsidyRules rules, ClaimDecider decider, TransactionTemplate tx,
                      SettlementMetrics metrics) {
        this.ledger = ledger;
        this.rules = rules;
        this.decider = decider;
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
                record(decider.recovery(paid, ledger.completion(paid.enrolmentNo()).orElseThrow(), certificate));
            }
            for (Claim claim : ledger.openClaims(data.personKey(), occupationCode, data.level())) {
                decide(claim);
            }
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
        decider.decide(claim, completion, ledger.certificates(claim.personKey(), claim.occupationCode(), claim.level()),
                () -> ledger.paidClaims(claim.personKey(), claim.occupationCode())).ifPresent(this::record);
    }

    private void record(Decided decided) {
        ledger.record(List.of(decided));
        metrics.decision(decided.decision().decision());
        log.info("claim {}", ClaimDecider.describe(decided));
    }
}
