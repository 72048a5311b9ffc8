package cn.henan.skillshub.sources.jdbc;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.runtime.BackfillBatches;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.runtime.SourceRoute;
import cn.henan.skillshub.runtime.SourceTracker;
import cn.henan.skillshub.runtime.WayOfPulling;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code jdbc-keyset-poll} way of pulling, beside its live poll ({@link JdbcKeysetPoll}), all over the same
 * {@link JdbcFeed}:
 * <ul>
 *   <li>backfill: a one-off keyset pass over the feed's rows with {@code updated_at} in {@code [from, to)}, up to
 *       and including the live checkpoint's row, in batches of {@code skillshub.ops.backfill.batch-size};</li>
 *   <li>re-read: the row at a position, if it still has that version and the live poll has passed it — a fix
 *       that gave the row a new version is published by the live poll, so replaying it too would publish it
 *       twice;</li>
 *   <li>lag: the age ({@code updated_at}) of the oldest row after the checkpoint (0 when none), read at most every
 *       {@code skillshub.ops.lag-cache}.</li>
 * </ul>
 */
@Component
class JdbcKeysetWay implements WayOfPulling {

    private final BeanFactory beans;
    private final int batchSize;
    private final Duration lagCacheFor;
    private final Map<String, CachedLag> lags = new ConcurrentHashMap<>();

    private record CachedLag(Instant at, Double seconds) {
    }

    JdbcKeysetWay(BeanFactory beans, @Value("${skillshub.ops.backfill.batch-size:2000}") int batchSize,
                  @Value("${skillshub.ops.lag-cache:5s}") Duration lagCacheFor) {
        this.beans = beans;
        this.batchSize = batchSize;
        this.lagCacheFor = lagCacheFor;
    }

    @Override
    public String template() {
        return JdbcKeysetPollTemplate.TEMPLATE;
    }

    /** A keyset cursor: {@code updatedAt} (an ISO-8601 instant) and {@code id} (a whole number), nothing else. */
    @Override
    public Map<String, String> checkedPosition(SourceRoute source, Map<String, String> position) {
        for (String key : position.keySet()) {
            if (!key.equals(JdbcFeed.UPDATED_AT) && !key.equals(JdbcFeed.ID)) {
                throw ApiProblem.badRequest("position." + key + ": not a field of a " + template()
                        + " checkpoint (updatedAt, id)");
            }
        }
        Instant updatedAt;
        try {
            updatedAt = Instant.parse(String.valueOf(position.get(JdbcFeed.UPDATED_AT)));
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.badRequest("position.updatedAt: must be an ISO-8601 instant, e.g. 2026-12-01T08:00:00Z");
        }
        long id;
        try {
            id = Long.parseLong(String.valueOf(position.get(JdbcFeed.ID)));
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("position.id: must be a whole number (the feed's id)");
        }
        return new JdbcFeed.Cursor(updatedAt, id).asPosition();
    }

    /** Just before every row of version {@code time}: the keyset pass reads rows after (updated_at, id). */
    @Override
    public Map<String, String> positionAt(SourceRoute source, Instant time) {
        return new JdbcFeed.Cursor(time, Long.MIN_VALUE).asPosition();
    }

    /** The record's own cursor: the keyset pass goes on after it. */
    @Override
    public Map<String, String> positionPast(SourceRoute source, String recordPosition) {
        try {
            return JdbcFeed.Cursor.parse(recordPosition).asPosition();
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("skipPast: must be a record position of the form updatedAt#id, e.g."
                    + " 2026-12-01T08:00:00Z#1234");
        }
    }

    @Override
    public Map<String, String> backfill(SourceRoute source, Checkpoint live, Instant from, Instant to,
                                        BackfillBatches batches) {
        JdbcFeed.Cursor liveCursor = JdbcFeed.Cursor.ofPosition(live.position()).orElseThrow(() -> ApiProblem.conflict(
                "source " + source.routeId() + " has a checkpoint that is not a keyset position: " + live.position()));
        JdbcFeed feed = feed(source);
        JdbcFeed.Cursor cursor = new JdbcFeed.Cursor(from, Long.MIN_VALUE);
        while (true) {
            List<Map<String, Object>> rows = feed.window(cursor, liveCursor, to, batchSize);
            List<RecordOutcome> outcomes = new ArrayList<>(rows.size());
            for (Map<String, Object> row : rows) {
                cursor = JdbcFeed.Cursor.ofRow(row);
                outcomes.add(batches.outcome(cursor.asText(), row));
            }
            batches.publish(outcomes, cursor.asPosition());
            if (rows.size() < batchSize) {
                return liveCursor.asPosition();
            }
        }
    }

    /** The rows after the checkpoint's cursor (or from the beginning), as the live poll's query reads them. */
    @Override
    public List<ReadAhead> readAhead(SourceRoute source, Checkpoint live, SourceRecordMapper mapper, int limit) {
        JdbcFeed.Cursor after = JdbcFeed.Cursor.ofPosition(live.position()).orElse(JdbcFeed.Cursor.BEGINNING);
        String delayWindow = Optional.ofNullable(source.parameter("delayWindow")).orElse("2 seconds");
        List<ReadAhead> records = new ArrayList<>();
        for (Map<String, Object> row : feed(source).next(after, delayWindow, limit)) {
            records.add(new ReadAhead(JdbcFeed.Cursor.ofRow(row).asText(), row));
        }
        return records;
    }

    @Override
    public Map<String, Object> reread(SourceRoute source, String position, Checkpoint live) {
        JdbcFeed.Cursor at = JdbcFeed.Cursor.parse(position);
        Map<String, Object> row = feed(source).row(at.id()).orElseThrow(() -> ApiProblem.conflict(
                "the record at " + position + " is no longer in source " + source.routeId()));
        JdbcFeed.Cursor current = JdbcFeed.Cursor.ofRow(row);
        if (!current.equals(at)) {
            throw ApiProblem.conflict("the record has a new version (" + current.asText() + ") since it was rejected;"
                    + " the live poll publishes that version, a replay would publish it twice");
        }
        boolean reachedByLivePoll = JdbcFeed.Cursor.ofPosition(live.position()).map(c -> !at.isAfter(c)).orElse(false);
        if (!reachedByLivePoll) {
            throw ApiProblem.conflict("the live poll of " + source.routeId() + " has not passed this record yet");
        }
        return row;
    }

    /** Null if the feed is unreachable (then the source is failing anyway). */
    @Override
    public Double lagSeconds(SourceRoute source, Checkpoint committed, SourceTracker tracker) {
        CachedLag cached = lags.get(source.routeId());
        if (cached != null && cached.at().plus(lagCacheFor).isAfter(Instant.now())) {
            return cached.seconds();
        }
        Double seconds;
        try {
            JdbcFeed.Cursor cursor = JdbcFeed.Cursor.ofPosition(committed.position()).orElse(JdbcFeed.Cursor.BEGINNING);
            seconds = feed(source).oldestPending(cursor)
                    .map(oldest -> Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0))
                    .orElse(0.0);
        } catch (RuntimeException e) {
            seconds = null;
        }
        lags.put(source.routeId(), new CachedLag(Instant.now(), seconds));
        return seconds;
    }

    private JdbcFeed feed(SourceRoute source) {
        String dataSource = Optional.ofNullable(source.parameter("dataSource")).orElse("exchangeDataSource");
        return new JdbcFeed(source, beans.getBean(dataSource, DataSource.class));
    }
}
