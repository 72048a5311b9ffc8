package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.CanonicalEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a database outbox to Kafka: a source like any other for {@link SourceTransactions}. Each batch of rows
 * and the position after it (the last row id) are committed in one Kafka transaction under the source's
 * transactional id. A crash between the two cannot be seen: either the rows and the position are both on Kafka, or
 * neither is and the relay sends them again from the last committed position. So every row is published exactly
 * once. The settlement's decisions and supervision's findings are relayed by it.
 *
 * <p>It runs on the instance that leads the source's namespace (every instance, without a cluster service). With the
 * leadership gained or lost, it forgets its producer and position: a new leader reads the position from Kafka, where
 * the last one left it, and its new producer fences any predecessor.
 */
public final class OutboxRelay {

    /** The outbox: rows after an id, in id order, each already the event it is published as. */
    @FunctionalInterface
    public interface Outbox {
        List<Row> after(long id, int limit);
    }

    /** A row of the outbox, with its id (ids only grow; none becomes visible after a higher one). */
    public record Row(long id, CanonicalEvent event) {
    }

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final QuietFailures failures = new QuietFailures(log);
    private final String sourceId;
    private final String positionKey;
    private final String what;
    private final Outbox outbox;
    private final SourceTransactions publisher;
    private final SourceLeadership leadership;
    private final long intervalMs;
    private final int batchSize;
    private final ScheduledExecutorService executor;
    private boolean leading;

    /**
     * @param sourceId    the source id: transactional id, checkpoint key and leadership namespace
     * @param positionKey the name of the position in the checkpoint (e.g. {@code lastDecisionId})
     * @param what        what the rows are, for the log (e.g. {@code decision})
     */
    public OutboxRelay(String sourceId, String positionKey, String what, Outbox outbox, SourceTransactions publisher,
                       SourceLeadership leadership, long intervalMs, int batchSize) {
        this.sourceId = sourceId;
        this.positionKey = positionKey;
        this.what = what;
        this.outbox = outbox;
        this.publisher = publisher;
        this.leadership = leadership;
        this.intervalMs = intervalMs;
        this.batchSize = batchSize;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, sourceId + "-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Relays every {@code intervalMs} on a thread of its own, until {@link #stop()}. */
    public void start() {
        executor.scheduleWithFixedDelay(this::relayQuietly, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        executor.shutdownNow();
    }

    /** Publishes what the outbox holds beyond the committed position; returns how many rows it published. */
    public int relay() {
        int total = 0;
        while (true) {
            Checkpoint checkpoint = publisher.resumePoint(sourceId);
            long after = Long.parseLong(checkpoint.position().getOrDefault(positionKey, "0"));
            List<Row> rows = outbox.after(after, batchSize);
            if (rows.isEmpty()) {
                return total;
            }
            List<RecordOutcome> outcomes = rows.stream()
                    .map(row -> (RecordOutcome) new RecordOutcome.Accepted(row.event())).toList();
            long last = rows.get(rows.size() - 1).id();
            publisher.publish(new SourceBatch(sourceId, outcomes, Map.of(positionKey, Long.toString(last))),
                    rows.size());
            total += rows.size();
        }
    }

    private void relayQuietly() {
        boolean leads = leadership.leads(sourceId);
        if (leads != leading) {
            leading = leads;
            publisher.forget(sourceId);
            if (leadership.clustered()) {
                log.info("{} relay: {}", what, leads ? "this instance leads it now" : "another instance leads it");
            }
        }
        if (!leads || (!leadership.clustered() && publisher.isFenced(sourceId))) {
            return;
        }
        try {
            relay();
        } catch (SourceFencedException e) {
            if (leadership.clustered()) {
                // Fenced by an instance that no longer leads: a new producer at the next pass fences it back.
                log.warn("{} relay fenced by an instance that no longer leads it; it takes its producer back", what);
                publisher.forget(sourceId);
            } else {
                log.warn("{} relay fenced: another instance publishes the {}s now", what, what);
            }
        } catch (RuntimeException e) {
            // Said once per kind of failure, not every 200 ms (a refused login, a missing ACL).
            failures.warn(sourceId, e.toString(), what + " relay failed (" + e + "); it resumes from its last"
                    + " committed position");
            return;
        }
        failures.cleared(sourceId);
    }
}
