package cn.henan.skillshub.ops;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.publishing.Checkpoint;
import cn.henan.skillshub.publishing.RecordOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Backfill of a {@code jdbc-keyset-poll} source: a one-off keyset pass over the feed's rows with {@code updated_at}
 * in {@code [from, to)}, up to and including the live checkpoint's row, in batches of
 * {@code skillshub.ops.backfill.batch-size}.
 */
@Component
class JdbcKeysetBackfill implements BackfillPass {

    private final SourceOperations sources;
    private final int batchSize;

    JdbcKeysetBackfill(SourceOperations sources, 
                       @Value("${skillshub.ops.backfill.batch-size:2000}") int batchSize) {
        this.sources = sources;
        this.batchSize = batchSize;
    }

    @Override
    public String template() {
        return SourceRoute.JDBC_KEYSET_POLL;
    }

    @Override
    public Map<String, String> pull(SourceRoute source, Checkpoint live, Instant from, Instant to,
                                    BackfillBatches batches) {
        JdbcFeed.Cursor liveCursor = JdbcFeed.Cursor.of(live).orElseThrow(() -> ApiProblem.conflict("source "
                + source.routeId() + " has a checkpoint that is not a keyset position: " + live.position()));
        JdbcFeed feed = sources.feed(source);
        JdbcFeed.Cursor cursor = new JdbcFeed.Cursor(from, Long.MIN_VALUE);
        while (true) {
            List<Map<String, Object>> rows = feed.window(cursor, liveCursor, to, batchSize);
            List<RecordOutcome> outcomes = new ArrayList<>(rows.size());
            for (Map<String, Object> row : rows) {
                cursor = JdbcFeed.cursorOf(row);
                outcomes.add(batches.outcome(cursor.asText(), row));
            }
            batches.publish(outcomes, cursor.asPosition());
            if (rows.size() < batchSize) {
                return liveCursor.asPosition();
            }
        }
    }
}
