package cn.henan.skillshub.ops;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.publishing.Checkpoint;
import cn.henan.skillshub.publishing.RecordOutcome;
import cn.henan.skillshub.sources.rest.RestPage;
import cn.henan.skillshub.sources.rest.RestPages;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Backfill of a {@code rest-page-poll} source: the API is asked again as the live poll asks it — by
 * {@code updatedSince}, page after page with the server's page tokens, signed the same way — starting just before
 * {@code from}. The API serves records in {@code updated_at} order, so the pass stops at the first record at or
 * past {@code to}, or past the live checkpoint's {@code updatedSince} (what the live poll has not published yet is
 * left to it). Each page's records in the window are one Kafka transaction.
 *
 * <p>{@code updatedSince} is exclusive ("changed after"), so the first query asks from one millisecond before
 * {@code from} (an API that keeps only milliseconds still includes {@code from}) and records before {@code from}
 * are dropped here. A record without a readable {@code updated_at} belongs to no window and is not pulled again.
 */
@Component
class RestPageBackfill implements BackfillPass {

    private static final Logger log = LoggerFactory.getLogger(RestPageBackfill.class);

    private final RestPages pages;

    RestPageBackfill(RestPages pages) {
        this.pages = pages;
    }

    @Override
    public String template() {
        return SourceRoute.REST_PAGE_POLL;
    }

    @Override
    public Map<String, String> pull(SourceRoute source, Checkpoint live, Instant from, Instant to,
                                    BackfillBatches batches) {
        Instant liveUpTo = liveUpTo(source, live);
        String idField = RestPages.idField(source.parameters());
        String updatedSince = from.minusMillis(1).toString();
        String token = null;
        boolean pastEnd = false;
        while (!pastEnd) {
            RestPage page;
            try {
                page = pages.fetch(source.parameters(), updatedSince, token);
            } catch (IllegalStateException e) {
                log.warn("source {}: backfill stopped, {} (records read so far stay published)", source.routeId(),
                        e.getMessage());
                throw new ApiProblem(HttpStatus.BAD_GATEWAY, "source " + source.routeId() + ": backfill stopped after "
                        + batches.read() + " records, " + e.getMessage() + "; what was published stays published,"
                        + " and asking again for the same window is safe (same records, same ce_ids)");
            }
            List<RecordOutcome> outcomes = new ArrayList<>();
            Instant last = null;
            int index = 0;
            for (Map<String, Object> record : page.records()) {
                Instant updatedAt = RestPages.updatedAt(record);
                if (updatedAt != null && (!updatedAt.isBefore(to) || updatedAt.isAfter(liveUpTo))) {
                    pastEnd = true;
                    break;
                }
                if (updatedAt != null && !updatedAt.isBefore(from)) {
                    outcomes.add(batches.outcome(
                            RestPages.positionOf(record, idField, updatedSince, token, index), record));
                    last = updatedAt;
                }
                index++;
            }
            if (last != null) {
                batches.publish(outcomes, Map.of("updatedAt", last.toString()));
            }
            token = page.nextPageToken();
            pastEnd |= token == null || page.records().isEmpty();
        }
        return live.position();
    }

    /** The newest version the live poll is known to have published: its {@code updatedSince}. */
    private static Instant liveUpTo(SourceRoute source, Checkpoint live) {
        String updatedSince = live.position().get("updatedSince");
        try {
            return Instant.parse(updatedSince);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiProblem.conflict("source " + source.routeId() + ": its checkpoint has no updatedSince to stop at");
        }
    }
}
