package cn.henan.skillshub.runtime;

import cn.henan.skillshub.api.ApiProblem;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pulls a time window of a source again: the records of {@code [from, to)} by their version time
 * ({@code updated_at}), through the route's own mapper, published by {@link SourceTransactions} under the source id
 * {@code <source>.backfill} (its own transactional id and checkpoint). How the window is read depends on the way of
 * pulling: the source's {@link WayOfPulling#backfill}. The live checkpoint does not move, and a pass stops at
 * it: records the live poll has not reached yet are left to the live poll. The same records give the same
 * {@code ce_id}s, so subscribers see no new facts; rejects get their same ids too. One backfill of a source at a
 * time: a second is refused with 409 while the first runs.
 */
@Component
public class Backfills {

    private static final Logger log = LoggerFactory.getLogger(Backfills.class);
    static final String SUFFIX = ".backfill";

    public record Result(String source, String publishedAs, Instant from, Instant to, Map<String, String> stoppedAtCheckpoint,
                  long recordsRead, long eventsPublished, long recordsRejected) {
    }

    private final Sources sources;
    private final SourceRegistry registry;
    private final CheckpointStore checkpoints;
    private final SourceTransactions transactions;
    private final RecordPipeline pipeline;
    private final SourceMappers mappers;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

    Backfills(Sources sources, SourceRegistry registry, CheckpointStore checkpoints, SourceTransactions transactions,
              RecordPipeline pipeline, SourceMappers mappers) {
        this.sources = sources;
        this.registry = registry;
        this.checkpoints = checkpoints;
        this.transactions = transactions;
        this.pipeline = pipeline;
        this.mappers = mappers;
    }

    /** A window whose {@code from} is not before its {@code to}: 400. */
    public static void checkWindow(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ApiProblem.badRequest("'from' must be before 'to'");
        }
    }

    public Result backfill(String routeId, Instant from, Instant to, String by) {
        checkWindow(from, to);
        SourceRoute source = sources.led(routeId);
        WayOfPulling way = registry.way(source);
        Checkpoint live = checkpoints.committed(source.sourceId()).orElseThrow(() -> ApiProblem.conflict("source "
                + source.routeId() + " has no committed checkpoint yet: there is nothing published to pull again"));
        ReentrantLock lock = running.computeIfAbsent(source.sourceId(), id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw ApiProblem.conflict("a backfill of source " + routeId + " is running; try again when it is done");
        }
        String backfillId = source.sourceId() + SUFFIX;
        try {
            log.info("source {}: backfill {} .. {} ordered by {} ({})", routeId, from, to, by, source.template());
            BackfillBatches batches = new BackfillBatches(transactions, pipeline, source, backfillId, mapper(source));
            Map<String, String> stoppedAt = way.backfill(source, live, from, to, batches);
            log.info("source {}: backfill done, {} records read, {} events and {} rejects published again, up to the"
                    + " live checkpoint {}", routeId, batches.read(), batches.read() - batches.rejected(),
                    batches.rejected(), stoppedAt);
            return new Result(source.routeId(), backfillId, from, to, stoppedAt, batches.read(),
                    batches.read() - batches.rejected(), batches.rejected());
        } finally {
            // A backfill's producer is not kept between backfills; a fencing by another instance is forgotten too.
            transactions.forget(backfillId);
            lock.unlock();
        }
    }

    /** Whether a backfill of this source runs now, on this instance: its route file's change waits for it. */
    public boolean running(String sourceId) {
        ReentrantLock lock = running.get(sourceId);
        return lock != null && lock.isLocked();
    }

    /** The route's mapper: its declared mapping, a Spring bean, or one bound to Camel's registry alone. */
    private SourceRecordMapper mapper(SourceRoute source) {
        return mappers.of(source.sourceId(), source.parameter("mapper"));
    }
}
