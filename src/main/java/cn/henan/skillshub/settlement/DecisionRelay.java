package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.runtime.SourceTransactions;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.QuietFailures;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.SourceBatch;
import cn.henan.skillshub.runtime.SourceFencedException;
import cn.henan.skillshub.runtime.SourceLeadership;
import cn.henan.skillshub.settlement.Ledger.DecisionRow;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
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
 * Publishes the ledger's decision table — the outbox — to {@code skills.subsidy.decisions.v1}. It is a source like
 * any other for {@link SourceTransactions}: each batch of decisions and the position after it (the last decision id)
 * are committed in one Kafka transaction, under the transactional id of source {@value #SOURCE_ID}. A crash between
 * the two is impossible to see: either the decisions and the position are both on Kafka, or neither is and the
 * relay sends them again from the last committed position. So every decision is published exactly once.
 */
@Component
@ConditionalOnProperty(name = "skillshub.settlement.enabled", havingValue = "true", matchIfMissing = true)
class DecisionRelay {

    static final String SOURCE_ID = "subsidy-decisions";
    static final String CE_SOURCE = "/services/subsidy-settlement";
    private static final String POSITION = "lastDecisionId";

    private static final Logger log = LoggerFactory.getLogger(DecisionRelay.class);

    private final QuietFailures failures = new QuietFailures(log);
    private final Ledger ledger;
    private final SourceTransactions publisher;
    private final SourceLeadership leadership;
    private boolean leading;
    private final long intervalMs;
    private final int batchSize;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "subsidy-decision-relay");
        thread.setDaemon(true);
        return thread;
    });

    DecisionRelay(Ledger ledger, SourceTransactions publisher, SourceLeadership leadership,
                  @Value("${skillshub.settlement.relay.interval-ms:200}") long intervalMs,
                  @Value("${skillshub.settlement.relay.batch-size:500}") int batchSize) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.leadership = leadership;
        this.intervalMs = intervalMs;
        this.batchSize = batchSize;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor.scheduleWithFixedDelay(this::relayQuietly, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Publishes what the ledger holds beyond the committed position; returns how many decisions it published. */
    int relay() {
        int total = 0;
        while (true) {
            Checkpoint checkpoint = publisher.resumePoint(SOURCE_ID);
            long after = Long.parseLong(checkpoint.position().getOrDefault(POSITION, "0"));
            List<DecisionRow> rows = ledger.decisionsAfter(after, batchSize);
            if (rows.isEmpty()) {
                return total;
            }
            List<RecordOutcome> outcomes = rows.stream()
                    .map(row -> (RecordOutcome) new RecordOutcome.Accepted(event(row.event(), row.round()))).toList();
            long last = rows.get(rows.size() - 1).decisionId();
            publisher.publish(new SourceBatch(SOURCE_ID, outcomes, Map.of(POSITION, Long.toString(last))), rows.size());
            total += rows.size();
        }
    }

    /**
     * The decision as a CloudEvent. Its id is derived from the claim's enrolment and the kind of decision, which a
     * claim has at most once each in each round: a ledger rebuilt from the same events yields the same ids. A claim
     * opened again (round 1, 2, …: a reference version cleared its rejection) gets new ids for its new decisions.
     */
    static CanonicalEvent event(SubsidyDecided d, int round) {
        String subject = "claim/" + d.enrolmentNo();
        String kind = round == 0 ? d.decision().name() : d.decision().name() + "/" + round;
        return new CanonicalEvent(EventType.SUBSIDY_DECIDED, CanonicalEvent.idOf(CE_SOURCE, subject, kind),
                CE_SOURCE, subject, d.decidedAt(), d.personKey(), d);
    }

    /**
     * One pass, on the instance that leads the relay's namespace (every instance, without a cluster service). The
     * leadership gained or lost, the relay forgets its producer and position: a new leader reads the position from
     * Kafka, where the last one left it, and its new producer fences any predecessor.
     */
    private void relayQuietly() {
        boolean leads = leadership.leads(SOURCE_ID);
        if (leads != leading) {
            leading = leads;
            publisher.forget(SOURCE_ID);
            if (leadership.clustered()) {
                log.info("decision relay: {}", leads ? "this instance leads it now" : "another instance leads it");
            }
        }
        if (!leads || (!leadership.clustered() && publisher.isFenced(SOURCE_ID))) {
            return;
        }
        try {
            relay();
        } catch (SourceFencedException e) {
            if (leadership.clustered()) {
                // Fenced by an instance that no longer leads: a new producer at the next pass fences it back.
                log.warn("decision relay fenced by an instance that no longer leads it; it takes its producer back");
                publisher.forget(SOURCE_ID);
            } else {
                log.warn("decision relay fenced: another instance publishes the decisions now");
            }
        } catch (RuntimeException e) {
            failures.warn(SOURCE_ID, e.toString(), "decision relay failed (" + e + "); it resumes from its last"
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
