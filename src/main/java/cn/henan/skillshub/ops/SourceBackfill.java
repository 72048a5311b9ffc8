package cn.henan.skillshub.ops;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.publishing.BatchPublisher;
import cn.henan.skillshub.publishing.CheckpointStore;
import cn.henan.skillshub.publishing.RecordOutcome;
import cn.henan.skillshub.publishing.SourceBatch;
import cn.henan.skillshub.sources.RecordPipeline;
import cn.henan.skillshub.sources.SourceRecord;
import cn.henan.skillshub.sources.SourceRecordMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Pulls a time window of a source again: a one-off keyset pass over the feed's rows with {@code updated_at} in
 * {@code [from, to)}, through the route's own mapper, published by {@link BatchPublisher} under the source id
 * {@code <source>.backfill} (its own transactional id and checkpoint). The live checkpoint does not move, and
 * the pass stops at it: rows the live poll has not reached yet are left to the live poll. The same rows give the
 * same {@code ce_id}s, so subscribers see no new facts; rejects get their same ids too.
 */
@Component
class SourceBackfill {

    private static final Logger log = LoggerFactory.getLogger(SourceBackfill.class);
    static final String SUFFIX = ".backfill";

    record Result(String source, String publishedAs, Instant from, Instant to, Map<String, String> stoppedAtCheckpoint,
                  long recordsRead, long eventsPublished, long recordsRejected) {
    }

    private final SourceOperations sources;
    private final CheckpointStore checkpoints;
    private final BatchPublisher publisher;
    private final RecordPipeline pipeline;
    private final BeanFactory beans;
    private final int batchSize;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

    SourceBackfill(SourceOperations sources, CheckpointStore checkpoints, BatchPublisher publisher,
                   RecordPipeline pipeline, BeanFactory beans,
                   @Value("${skillshub.ops.backfill.batch-size:2000}") int batchSize) {
        this.sources = sources;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
        this.pipeline = pipeline;
        this.beans = beans;
        this.batchSize = batchSize;
    }

    Result backfill(String routeId, Instant from, Instant to, String by) {
        if (!from.isBefore(to)) {
            throw ApiProblem.badRequest("'from' must be before 'to'");
        }
        SourceRoute source = sources.source(routeId);
        if (!source.isJdbcKeysetPoll()) {
            throw ApiProblem.conflict("source " + routeId + " is pulled by '" + source.template()
                    + "'; backfill is implemented for jdbc-keyset-poll sources");
        }
        JdbcFeed.Cursor live = checkpoints.committed(source.sourceId()).flatMap(JdbcFeed.Cursor::of)
                .orElseThrow(() -> ApiProblem.conflict("source " + routeId
                        + " has no committed checkpoint yet: there is nothing published to pull again"));
        ReentrantLock lock = running.computeIfAbsent(source.sourceId(), id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw ApiProblem.conflict("a backfill of source " + routeId + " is running");
        }
        String backfillId = source.sourceId() + SUFFIX;
        try {
            log.info("source {}: backfill {} .. {} ordered by {}, up to the live checkpoint {}", routeId, from, to, by,
                    live.asText());
            Result result = pass(source, backfillId, from, to, live);
            log.info("source {}: backfill done, {} rows read, {} events and {} rejects published again", routeId,
                    result.recordsRead(), result.eventsPublished(), result.recordsRejected());
            return result;
        } finally {
            // A backfill's producer is not kept between backfills; a fencing by another instance is forgotten too.
            publisher.forget(backfillId);
            lock.unlock();
        }
    }

    private Result pass(SourceRoute source, String backfillId, Instant from, Instant to, JdbcFeed.Cursor live) {
        JdbcFeed feed = sources.feed(source);
        SourceRecordMapper mapper = beans.getBean(source.parameter("mapper"), SourceRecordMapper.class);
        JdbcFeed.Cursor cursor = new JdbcFeed.Cursor(from, Long.MIN_VALUE);
        long read = 0;
        long rejected = 0;
        while (true) {
            List<Map<String, Object>> rows = feed.window(cursor, live, to, batchSize);
            if (rows.isEmpty()) {
                break;
            }
            List<RecordOutcome> outcomes = new ArrayList<>(rows.size());
            for (Map<String, Object> row : rows) {
                cursor = JdbcFeed.cursorOf(row);
                // The live source id, not the backfill's: a reject's id and position are those of the live poll.
                outcomes.add(pipeline.process(new SourceRecord(source.sourceId(), source.parameter("sourceSystem"),
                        cursor.asText(), row), mapper));
            }
            SourceBatch batch = new SourceBatch(backfillId, outcomes, cursor.asPosition());
            publisher.publish(batch, rows.size());
            read += rows.size();
            rejected += batch.rejected();
            if (rows.size() < batchSize) {
                break;
            }
        }
        return new Result(source.routeId(), backfillId, from, to, live.asPosition(), read, read - rejected, rejected);
    }
}
