package cn.henan.skillshub.supervision;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finds by the passing of time what no event announces: a trainee list still not reported on the 31st day after
 * completion, a level certificate still without its training when the grace period is over. Each fact carries the
 * day its check falls due; the sweep judges the persons whose checks fell due, then marks them looked at.
 */
@Component
@ConditionalOnProperty(name = "skillshub.supervision.enabled", havingValue = "true", matchIfMissing = true)
class DeadlineSweep {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweep.class);
    private static final int BATCH = 200;

    private final SupervisionService service;
    private final long intervalMs;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "supervision-deadline-sweep");
        thread.setDaemon(true);
        return thread;
    });

    DeadlineSweep(SupervisionService service, SupervisionSettings settings) {
        this.service = service;
        this.intervalMs = settings.sweepInterval().toMillis();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor.scheduleWithFixedDelay(this::sweepQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            int judged;
            do {
                judged = service.sweep(service.today(), BATCH);
                if (judged > 0) {
                    log.info("supervision: {} persons judged again, their checks fell due", judged);
                }
            } while (judged == BATCH);
        } catch (RuntimeException e) {
            log.warn("supervision deadline sweep failed ({}); it runs again in {} ms", e.toString(), intervalMs);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
