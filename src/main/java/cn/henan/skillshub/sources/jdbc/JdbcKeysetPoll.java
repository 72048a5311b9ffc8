package cn.henan.skillshub.sources.jdbc;

import cn.henan.skillshub.runtime.SourceTransactions;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.SourceBatch;
import cn.henan.skillshub.runtime.SourceTracker;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import java.time.Duration;
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


    private final SourceTransactions publisher;
    private final RecordPipeline pipeline;
    private final SourceTracker tracker;
    private final ApplicationContext beans;

    JdbcKeysetPoll(SourceTransactions publisher, RecordPipeline pipeline, SourceTracker tracker, ApplicationContext beans) {
        this.publisher = publisher;
        this.pipeline = pipeline;
        this.tracker = tracker;
        this.beans = beans;
    }

    /**
     * Sets the keyset cursor as the query's parameters: at the start of a poll the committed checkpoint's
     * {@code (updated_at, id)}; within a poll the last row read, so the next batch is read while the previous one
     * is still being committed (see {@link SourceTransactions#publishInBackground}). Should that commit fail, the
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
        JdbcFeed.Cursor cursor = JdbcFeed.Cursor.ofPosition(position).orElse(JdbcFeed.Cursor.BEGINNING);
        exchange.getMessage().setHeader("cursorUpdatedAt", OffsetDateTime.ofInstant(cursor.updatedAt(), ZoneOffset.UTC));
        exchange.getMessage().setHeader("cursorId", cursor.id());
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
            records.add(new SourceRecord(sourceId, sourceSystem, JdbcFeed.Cursor.ofRow(row).asText(), row));
        }
        Map<String, String> last = JdbcFeed.Cursor.ofRow(rows.get(rows.size() - 1)).asPosition();
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
        tracker.polled(exchange.getMessage().getHeader(SOURCE_ID, String.class),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
