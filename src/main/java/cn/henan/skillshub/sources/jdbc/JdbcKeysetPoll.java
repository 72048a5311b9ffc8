package cn.henan.skillshub.sources.jdbc;

import cn.henan.skillshub.publishing.BatchPublisher;
import cn.henan.skillshub.publishing.Checkpoint;
import cn.henan.skillshub.publishing.RecordOutcome;
import cn.henan.skillshub.publishing.SourceBatch;
import cn.henan.skillshub.publishing.SourceMetrics;
import cn.henan.skillshub.sources.RecordPipeline;
import cn.henan.skillshub.sources.SourceRecord;
import cn.henan.skillshub.sources.SourceRecordMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/** The steps of the {@code jdbc-keyset-poll} route: cursor from the checkpoint, rows to outcomes, publish. */
@Component(JdbcKeysetPoll.BEAN)
public class JdbcKeysetPoll {

    static final String BEAN = "jdbcKeysetPoll";
    static final String SOURCE_ID = "skillshubSourceId";
    static final String SOURCE_SYSTEM = "skillshubSourceSystem";
    static final String MAPPER = "skillshubMapper";
    static final String BATCH_SIZE = "skillshubBatchSize";
    static final String MORE = "skillshubMore";
    private static final String POLL_STARTED = "skillshubPollStarted";
    /** The position of the last row read in this poll: where its next batch is read from, ahead of the commit. */
    private static final String READ_UP_TO = "skillshubReadUpTo";

    static final String UPDATED_AT = "updatedAt";
    static final String ID = "id";
    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");

    private final BatchPublisher publisher;
    private final RecordPipeline pipeline;
    private final SourceMetrics metrics;
    private final ApplicationContext beans;

    JdbcKeysetPoll(BatchPublisher publisher, RecordPipeline pipeline, SourceMetrics metrics, ApplicationContext beans) {
        this.publisher = publisher;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.beans = beans;
    }

    /**
     * Sets the keyset cursor as the query's parameters: at the start of a poll the committed checkpoint's
     * {@code (updated_at, id)}; within a poll the last row read, so the next batch is read while the previous one
     * is still being committed (see {@link BatchPublisher#publishInBackground}). Should that commit fail, the
     * batch read ahead is dropped unsent and the next poll starts again from the committed checkpoint.
     */
    public void prepare(Exchange exchange) {
        exchange.getProperties().putIfAbsent(POLL_STARTED, System.nanoTime());
        @SuppressWarnings("unchecked")
        Map<String, String> position = exchange.getProperty(READ_UP_TO, Map.class);
        if (position == null) {
            Checkpoint checkpoint = publisher.resumePoint(exchange.getMessage().getHeader(SOURCE_ID, String.class));
            position = checkpoint.position();
        }
        Instant updatedAt = position.containsKey(UPDATED_AT) ? Instant.parse(position.get(UPDATED_AT)) : BEGINNING;
        long id = position.containsKey(ID) ? Long.parseLong(position.get(ID)) : 0L;
        exchange.getMessage().setHeader("cursorUpdatedAt", OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC));
        exchange.getMessage().setHeader("cursorId", id);
        exchange.getMessage().setBody(null);
    }

    /** Maps the rows of one batch and hands them over for publishing with the position of the last row read. */
    public void publish(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = exchange.getMessage().getBody(List.class);
        String sourceId = exchange.getMessage().getHeader(SOURCE_ID, String.class);
        int batchSize = exchange.getMessage().getHeader(BATCH_SIZE, Integer.class);
        exchange.setProperty(MORE, rows.size() >= batchSize);
        if (rows.isEmpty()) {
            return;
        }
        String sourceSystem = exchange.getMessage().getHeader(SOURCE_SYSTEM, String.class);
        SourceRecordMapper mapper = beans.getBean(exchange.getMessage().getHeader(MAPPER, String.class),
                SourceRecordMapper.class);
        List<SourceRecord> records = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            records.add(new SourceRecord(sourceId, sourceSystem, updatedAtOf(row) + "#" + row.get("id"), row));
        }
        Map<String, Object> lastRow = rows.get(rows.size() - 1);
        Map<String, String> last = Map.of(UPDATED_AT, updatedAtOf(lastRow).toString(), ID,
                String.valueOf(lastRow.get("id")));
        // Mapping and schema validation are the CPU-heavy part of a batch: on all cores, in the batch's order.
        // Mappers are stateless (see SourceRecordMapper), so records can be mapped side by side.
        List<RecordOutcome> outcomes = records.parallelStream().map(record -> pipeline.process(record, mapper))
                .toList();
        publisher.publishInBackground(new SourceBatch(sourceId, outcomes, last), rows.size());
        exchange.setProperty(READ_UP_TO, last);
    }

    /** Ends a poll: waits for its last batch to commit (a failure goes to the route's error policy), counts it. */
    public void polled(Exchange exchange) {
        publisher.awaitPublished(exchange.getMessage().getHeader(SOURCE_ID, String.class));
        long started = exchange.getProperty(POLL_STARTED, Long.class);
        metrics.polled(exchange.getMessage().getHeader(SOURCE_ID, String.class),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Instant updatedAtOf(Map<String, Object> row) {
        Object updatedAt = row.get("updated_at");
        return updatedAt instanceof Timestamp ts ? ts.toInstant()
                : updatedAt instanceof OffsetDateTime odt ? odt.toInstant()
                : Instant.parse(String.valueOf(updatedAt));
    }
}
