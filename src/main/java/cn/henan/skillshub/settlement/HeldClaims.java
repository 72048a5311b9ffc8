package cn.henan.skillshub.settlement;

import cn.henan.skillshub.reference.SubsidyStandardVersionAdded;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
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
    private final SettlementService service;
    private final long recheckIntervalMs;
    // One thread: the caller adding a version returns at once, and two re-decisions never run side by side.
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "subsidy-held-claims");
        thread.setDaemon(true);
        return thread;
    });

    HeldClaims(Ledger ledger, SettlementService service,
               @Value("${skillshub.settlement.held-recheck-interval:5m}") Duration recheckInterval) {
        this.ledger = ledger;
        this.service = service;
        this.recheckIntervalMs = recheckInterval.toMillis();
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

    void redecideAll() {
        try {
            List<Long> held = ledger.heldClaimIds();
            for (long claimId : held) {
                service.redecideHeld(claimId);
            }
            if (!held.isEmpty()) {
                log.info("{} held claim(s) looked at again; {} still held", held.size(), ledger.heldClaimIds().size());
            }
        } catch (RuntimeException e) {
            log.warn("held claims could not be decided again now ({}); the next recheck tries again", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
