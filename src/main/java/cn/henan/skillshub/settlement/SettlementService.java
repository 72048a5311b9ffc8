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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies input events to the ledger and decides the claims they complete. The events of one poll are one
 * database transaction (design decision 48): their ce_ids are recorded as processed, the ledger changes and the
 * decisions are appended to the outbox together, or not at all. A redelivered or replayed event finds its ce_id and
 * changes nothing. The people of the poll are locked once each, in one fixed order, before anything is written.
 */
@Service
class SettlementService {

    private static final Logger log = LoggerFactory.getLogger(SettlementService.class);

    /** What became of an input event. */
    enum Outcome { APPLIED, DUPLICATE }

    /** An input event as the listener read it: its position, whose it is, its data and the plan's occupation code. */
    record Input(InboundEvent event, String personKey, Object data, String occupationCode) {
    }

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

    /** Applies one event in a transaction of its own. */
    Outcome apply(Input input) {
        return applyAll(List.of(input)).get(0);
    }

    /**
     * Applies events, in their order, in one transaction: all of them or, if any fails, none (the caller then
     * applies them one by one, so that one bad event neither loses nor blocks the others).
     */
    List<Outcome> applyAll(List<Input> inputs) {
        long started = System.nanoTime();
        List<Decided> decided = new ArrayList<>();
        List<Outcome> outcomes = tx.execute(status -> {
            decided.clear();
            Set<String> people = new TreeSet<>();
            inputs.forEach(in -> people.add(in.personKey()));
            ledger.lockPeople(people);
            Set<String> fresh = ledger.markProcessed(inputs.stream().map(Input::event).toList());
            List<Outcome> made = new ArrayList<>(inputs.size());
            for (Input in : inputs) {
                // remove: the second of two copies of an event in the same poll is a duplicate too
                if (fresh.remove(in.event().ceId())) {
                    effect(in, decided);
                    made.add(Outcome.APPLIED);
                } else {
                    made.add(Outcome.DUPLICATE);
                }
            }
            ledger.appendDecisions(decided);
            return made;
        });
        int duplicates = 0;
        for (int i = 0; i < inputs.size(); i++) {
            if (outcomes.get(i) == Outcome.DUPLICATE) {
                duplicates++;
                log.debug("event {} ({}) was processed before; skipped", inputs.get(i).event().ceId(),
                        inputs.get(i).event().ceType());
            }
            metrics.event(outcomes.get(i) == Outcome.DUPLICATE ? "duplicate" : "applied");
        }
        Map<Decision, Integer> byKind = new EnumMap<>(Decision.class);
        for (Decided d : decided) {
            metrics.decision(d.decision().decision());
            byKind.merge(d.decision().decision(), 1, Integer::sum);
            log.debug("claim {}", ClaimDecider.describe(d));
        }
        log.info("{} event(s) applied ({} duplicate), {} decision(s) {} in {} ms", inputs.size(), duplicates,
                decided.size(), byKind, (System.nanoTime() - started) / 1_000_000);
        return outcomes;
    }

    private void effect(Input in, List<Decided> decided) {
        if (in.data() instanceof TrainingCompleted c) {
            completed(in.event(), c, in.occupationCode(), decided);
        } else if (in.data() instanceof CertificateIssued c) {
            certificateIssued(in.event(), c, in.occupationCode(), decided);
        } else if (in.data() instanceof CertificateRevoked c) {
            certificateRevoked(in.event(), c, in.occupationCode(), decided);
        } else {
            throw new IllegalArgumentException("not an input of settlement: " + in.event().ceType());
        }
    }

    /** {@code skills.training.completed.v1}: the training certificate and the hours; opens the claim. */
    private void completed(InboundEvent event, TrainingCompleted data, String occupationCode, List<Decided> decided) {
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
        decide(claim, completion, decided);
    }

    /** {@code skills.assessment.certificate-issued.v1}: may complete the open claims of its person and level. */
    private void certificateIssued(InboundEvent event, CertificateIssued data, String occupationCode,
                                   List<Decided> decided) {
        ledger.saveIssue(new LevelCertificate(data.evaluationBody(), data.certificateNo(), data.personKey(),
                occupationCode, data.level(), data.issuedOn(), event.ceId(),
                data.complianceFlags() == null ? Set.of() : data.complianceFlags(), null, null));
        for (Claim claim : ledger.openClaims(data.personKey(), occupationCode, data.level())) {
            decide(claim, ledger.completion(claim.enrolmentNo()).orElseThrow(), decided);
        }
    }

    /**
     * {@code skills.assessment.certificate-revoked.v1}: an approved claim paid on this certificate is to be
     * recovered; an open claim that has no other valid certificate is rejected.
     */
    private void certificateRevoked(InboundEvent event, CertificateRevoked data, String occupationCode,
                                    List<Decided> decided) {
        ledger.saveRevocation(new LevelCertificate(data.evaluationBody(), data.certificateNo(), data.personKey(),
                occupationCode, data.level(), null, null, Set.of(), data.revokedOn(), event.ceId()));
        LevelCertificate certificate = ledger.certificate(data.evaluationBody(), data.certificateNo()).orElseThrow();
        for (Claim paid : ledger.approvedClaimsOnCertificate(certificate)) {
            record(decider.recovery(paid, ledger.completion(paid.enrolmentNo()).orElseThrow(), certificate), decided);
        }
        for (Claim claim : ledger.openClaims(data.personKey(), occupationCode, data.level())) {
            decide(claim, ledger.completion(claim.enrolmentNo()).orElseThrow(), decided);
        }
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
        List<Decided> decided = new ArrayList<>();
        Boolean decidedAgain = tx.execute(status -> {
            decided.clear();
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
            decide(ledger.claim(claimId).orElseThrow(), cleared, decided);
            ledger.appendDecisions(decided);
            return true;
        });
        for (Decided d : decided) {
            metrics.decision(d.decision().decision());
            log.info("claim {}", ClaimDecider.describe(d));
        }
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

    /**
     * Decides an open claim if it has what it needs. The claim's new status is written at once (the poll's later
     * events read it); its decision is appended to the outbox with the others at the end of the transaction, so
     * the outbox lock is held only from there to the commit.
     */
    private void decide(Claim claim, Completion completion, List<Decided> decided) {
        decider.decide(claim, completion, ledger.certificates(claim.personKey(), claim.occupationCode(), claim.level()),
                () -> ledger.paidClaims(claim.personKey(), claim.occupationCode()))
                .ifPresent(d -> record(d, decided));
    }

    private void record(Decided d, List<Decided> decided) {
        ledger.updateClaims(List.of(d));
        decided.add(d);
    }
}
