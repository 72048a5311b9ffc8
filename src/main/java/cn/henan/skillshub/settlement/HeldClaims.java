package cn.henan.skillshub.settlement;

import cn.henan.skillshub.reference.SubsidyStandardVersionAdded;
import cn.henan.skillshub.settlement.ClaimDecider.Decided;
import cn.henan.skillshub.settlement.Ledger.Claim;
import cn.henan.skillshub.settlement.Ledger.ClaimStatus;
import cn.henan.skillshub.settlement.Ledger.Completion;
import cn.henan.skillshub.settlement.Ledger.LevelCertificate;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "试行到2025年12月31日": after that day no standard is in force until the province publishes a new version, and
 * claims arising meanwhile are held. They are looked at again when a version is added, at start (a version may have
 * come with a release) and every {@code skillshub.settlement.held-recheck-interval} (a claim held in the instant a
 * version was being added is not left behind).
 */
@Component
@ConditionalOnProperty(name = "skillshub.settlement.enabled", havingValue = "true", matchIfMissing = true)
class HeldClaims {

    private static final Logger log = LoggerFactory.getLogger(HeldClaims.class);

    private final Ledger ledger;
    private final ClaimDecider decider;
    private final TransactionTemplate tx;
    private final SettlementMetrics metrics;
    private final long recheckIntervalMs;
    private final int chunkSize;
    // One thread: the caller adding a version returns at once, and two re-decisions never run side by side.
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "subsidy-held-claims");
        thread.setDaemon(true);
        return thread;
    });

    HeldClaims(Ledger ledger, ClaimDecider decider, TransactionTemplate tx, SettlementMetrics metrics,
               @Value("${skillshub.settlement.held-recheck-interval:5m}") Duration recheckInterval,
               @Value("${skillshub.settlement.held-chunk-size:500}") int chunkSize) {
        this.ledger = ledger;
        this.decider = decider;
        this.tx = tx;
        this.metrics = metrics;
        this.recheckIntervalMs = recheckInterval.toMillis();
        this.chunkSize = chunkSize;
    }

    @EventListener
    void onNewStandard(SubsidyStandardVersionAdded added) {
        log.info("subsidy-standard version {} added: held claims are decided again", added.version());
        executor.execute(this::redecideAll);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor.scheduleWithFixedDelay(this::redecideAll, 0, recheckIntervalMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Looks again at every held claim, a chunk at a time in claim order (design decision 47). A chunk is one
     * transaction: its people locked, its claims read again under the locks, decided in Java by the same rules as
     * an event, and the decisions written with the claims. Killed half-way, the chunks committed are decided and
     * no longer held; the others are still held and decided by the next look.
     */
    void redecideAll() {
        try {
            long after = 0;
            int looked = 0;
            int decided = 0;
            long started = System.nanoTime();
            List<Claim> chunk;
            while (!(chunk = ledger.heldClaimsAfter(after, chunkSize)).isEmpty()) {
                after = chunk.get(chunk.size() - 1).claimId();
                looked += chunk.size();
                decided += decideChunk(chunk);
            }
            if (looked > 0) {
                log.info("{} held claim(s) looked at again in {} ms: {} decided, {} still held", looked,
                        (System.nanoTime() - started) / 1_000_000, decided, looked - decided);
            }
        } catch (RuntimeException e) {
            log.warn("held claims could not be decided again now ({}); the next recheck tries again", e.toString());
        }
    }

    /** Decides one chunk of held claims in one transaction; returns how many were decided. */
    private int decideChunk(List<Claim> chunk) {
        Set<String> people = new TreeSet<>();
        chunk.forEach(c -> people.add(c.personKey()));
        List<Decided> decided = tx.execute(status -> {
            ledger.lockPeople(people);
            // Read again under the locks: a listener thread may have decided some of them meanwhile.
            List<Claim> held = ledger.claims(chunk.stream().map(Claim::claimId).toList()).stream()
                    .filter(c -> c.status() == ClaimStatus.HELD).toList();
            Map<String, Completion> completions = ledger.completions(held.stream().map(Claim::enrolmentNo).toList());
            Map<List<Object>, List<LevelCertificate>> certificates = new HashMap<>();
            for (LevelCertificate c : ledger.certificatesOfPeople(people)) {
                certificates.computeIfAbsent(List.of(c.personKey(), c.occupationCode(), c.level()),
                        k -> new ArrayList<>()).add(c);
            }
            Map<List<String>, List<Claim>> paid = new HashMap<>();
            for (Claim c : ledger.paidClaimsOfPeople(people)) {
                paid.computeIfAbsent(List.of(c.personKey(), c.occupationCode()), k -> new ArrayList<>()).add(c);
            }
            List<Decided> made = new ArrayList<>();
            for (Claim claim : held) {
                List<Claim> paidForOccupation = paid.computeIfAbsent(
                        List.of(claim.personKey(), claim.occupationCode()), k -> new ArrayList<>());
                decider.decide(claim, completions.get(claim.enrolmentNo()),
                        certificates.getOrDefault(List.of(claim.personKey(), claim.occupationCode(), claim.level()),
                                List.of()), () -> List.copyOf(paidForOccupation))
                        .ifPresent(d -> {
                            made.add(d);
                            // A claim approved here counts as paid for the person's next claim of the chunk, as it
                            // would have, decided one by one in claim order.
                            if (d.status().paid()) {
                                paidForOccupation.add(asPaid(d));
                            }
                        });
            }
            ledger.record(made);
            return made;
        });
        for (Decided d : decided) {
            metrics.decision(d.decision().decision());
            log.debug("claim {}", ClaimDecider.describe(d));
        }
        return decided.size();
    }

    /** The claim as the rules see it once paid: only its id and level matter to them. */
    private static Claim asPaid(Decided d) {
        Claim c = d.claim();
        return new Claim(c.claimId(), c.enrolmentNo(), c.personKey(), c.occupationCode(), c.level(), d.status(),
                d.evaluationBody(), d.decision().levelCertificateNo(), d.decision().standardVersion(),
                d.decision().amountYuan(), d.decision().payeeType(), d.decision().payee(), d.decision().cityCode());
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
