package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.SubsidyDecided.Reason;
import cn.henan.skillshub.reference.InstitutionCatalogueVersionAdded;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A claim rejected for a reason that a new reference version removes is decided again: training outside the
 * catalogue (三(三)、七(一)) stops being so when a catalogue version adds the institution's entry for that occupation
 * and day. Looked at when a catalogue version is added, here or on another instance (the reference topic brings it),
 * and at start, when the reference topic is read again from its beginning.
 */
@Component
@ConditionalOnProperty(name = "skillshub.settlement.enabled", havingValue = "true", matchIfMissing = true)
class RejectedClaims {

    private static final Logger log = LoggerFactory.getLogger(RejectedClaims.class);

    private final Ledger ledger;
    private final SettlementService service;
    // One thread: the caller adding a version returns at once, and two passes never run side by side.
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "subsidy-rejected-claims");
        thread.setDaemon(true);
        return thread;
    });

    RejectedClaims(Ledger ledger, SettlementService service) {
        this.ledger = ledger;
        this.service = service;
    }

    @EventListener
    void onNewCatalogue(InstitutionCatalogueVersionAdded added) {
        executor.execute(() -> redecideOutsideCatalogue(added.version()));
    }

    void redecideOutsideCatalogue(String version) {
        try {
            List<Long> rejected = ledger.rejectedClaimIds(Reason.INSTITUTION_NOT_IN_CATALOGUE);
            long decidedAgain = rejected.stream().filter(service::redecideRejectedOutsideCatalogue).count();
            if (decidedAgain > 0) {
                log.info("institution-catalogue version {}: {} of {} claim(s) rejected outside the catalogue decided "
                        + "again", version, decidedAgain, rejected.size());
            }
        } catch (RuntimeException e) {
            log.warn("claims rejected outside the catalogue could not be decided again now ({}); the next catalogue "
                    + "version or start tries again", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
