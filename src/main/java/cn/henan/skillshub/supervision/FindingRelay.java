package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.SupervisionFinding;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.QuietFailures;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.SourceBatch;
import cn.henan.skillshub.runtime.SourceFencedException;
import cn.henan.skillshub.runtime.SourceLeadership;
import cn.henan.skillshub.runtime.SourceTransactions;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
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
 * Publishes the findings' outbox to {@code skills.supervision.findings.v1}: each batch and the position after it in
 * one Kafka transaction (source {@value #SOURCE_ID}), as the settlement's decision relay does — every change of a
 * finding is published exactly once. The Kafka key is the finding's person key.
 */
@Component
@ConditionalOnProperty(name = "skillshub.supervision.enabled", havingValue = "true", matchIfMissing = true)
class FindingRelay {

    static final String SOURCE_ID = "supervision-findings";
    private static final String POSITION = "lastFindingEventId";
    private static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(FindingRelay.class);

    private final QuietFailures failures = new QuietFailures(log);
    private final Findings findings;
    private final SourceTransactions publisher;
    private final SourceLeadership leadership;
    private boolean leading;
    private final long intervalMs;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "supervision-finding-relay");
        thread.setDaemon(true);
        return thread;
    });

    FindingRelay(Findings findings, SourceTransactions publisher, SourceLeadership leadership,
                 SupervisionSettings settings) {
        this.findings = findings;
        this.publisher = publisher;
        this.leadership = leadership;
        this.intervalMs = settings.relayIntervalMs();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor.scheduleWithFixedDelay(this::relayQuietly, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    int relay() {
        int total = 0;
        while (true) {
            Checkpoint checkpoint = publisher.resumePoint(SOURCE_ID);
            long after = Long.parseLong(checkpoint.position().getOrDefault(POSITION, "0"));
            List<Findings.Outgoing> rows = findings.after(after, BATCH);
            if (rows.isEmpty()) {
                return total;
            }
            List<RecordOutcome> outcomes = rows.stream()
                    .map(row -> (RecordOutcome) new RecordOutcome.Accepted(event(row.finding()))).toList();
            long last = rows.get(rows.size() - 1).eventId();
            publisher.publish(new SourceBatch(SOURCE_ID, outcomes, Map.of(POSITION, Long.toString(last))), rows.size());
            total += rows.size();
        }
    }

    /** The finding as a CloudEvent: its id from the finding's id and revision, the same on every re-run. */
    static CanonicalEvent event(SupervisionFinding f) {
        String subject = "finding/" + f.findingId();
        return new CanonicalEvent(EventType.SUPERVISION_FINDING,
                CanonicalEvent.idOf(Found.CE_SOURCE, subject, Integer.toString(f.revision())), Found.CE_SOURCE,
                subject, f.foundAt(), f.personKey(), f);
    }

    /**
     * One pass, on the instance that leads the relay's namespace (every instance, without a cluster service), as the
     * settlement's decision relay does: the leadership gained or lost, the relay forgets its producer and position.
     */
    private void relayQuietly() {
        boolean leads = leadership.leads(SOURCE_ID);
        if (leads != leading) {
            leading = leads;
            publisher.forget(SOURCE_ID);
            if (leadership.clustered()) {
                log.info("finding relay: {}", leads ? "this instance leads it now" : "another instance leads it");
            }
        }
        if (!leads || (!leadership.clustered() && publisher.isFenced(SOURCE_ID))) {
            return;
        }
        try {
            relay();
        } catch (SourceFencedException e) {
            if (leadership.clustered()) {
                log.warn("finding relay fenced by an instance that no longer leads it; it takes its producer back");
                publisher.forget(SOURCE_ID);
            } else {
                log.warn("finding relay fenced: another instance publishes the findings now");
            }
        } catch (RuntimeException e) {
            // Said once per kind of failure, not every 200 ms (a refused login, a missing ACL).
            failures.warn(SOURCE_ID, e.toString(), "finding relay failed (" + e + "); it resumes from its last"
                    + " committed position");
            return;
        }
        failures.cleared(SOURCE_ID);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
