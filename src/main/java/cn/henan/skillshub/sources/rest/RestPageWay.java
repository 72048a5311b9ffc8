package cn.henan.skillshub.sources.rest;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.runtime.BackfillBatches;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.runtime.SourceRoute;
import cn.henan.skillshub.runtime.SourceTracker;
import cn.henan.skillshub.runtime.WayOfPulling;
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
 * The {@code rest-page-poll} way of pulling, beside its live poll ({@link RestPagePoll}). Its lag is what the
 * polls report ({@link SourceTracker#lagFromPolls}); its records cannot be re-read one by one. Backfill: the API is asked again as the live poll asks it — by
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
class RestPageWay implements WayOfPulling {

    private static final Logger log = LoggerFactory.getLogger(RestPageWay.class);

    private final RestPages pages;

    RestPageWay(RestPages pages) {
        this.pages = pages;
    }

    @Override
    public String template() {
        return RestPagePollTemplate.TEMPLATE;
    }

    @Override
    public Double lagSeconds(SourceRoute source, Checkpoint committed, SourceTracker tracker) {
        return tracker.lagFromPolls(source);
    }

    @Override
    public String correction(SourceRoute source) {
        return "the corrected record gets a new version (updated_at) at the source and the live poll publishes it;"
                + " POST /api/v1/sources/" + source.routeId() + "/backfill pulls a window again";
    }

    /** {@code updatedSince} (an ISO-8601 instant) and, optionally, {@code pageToken} (the server's next page). */
    @Override
    public Map<String, String> checkedPosition(SourceRoute source, Map<String, String> position) {
        for (String key : position.keySet()) {
            if (!key.equals(RestPagePoll.UPDATED_SINCE) && !key.equals(RestPagePoll.PAGE_TOKEN)) {
                throw ApiProblem.badRequest("position." + key + ": not a field of a " + template()
                        + " checkpoint (updatedSince, pageToken)");
            }
        }
        try {
            Instant.parse(String.valueOf(position.get(RestPagePoll.UPDATED_SINCE)));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("position.updatedSince: must be an ISO-8601 instant, e.g."
                    + " 2026-12-01T08:00:00Z");
        }
        return Map.copyOf(position);
    }

    /** The API asked again from {@code time}, from its first page. */
    @Override
    public Map<String, String> positionAt(SourceRoute source, Instant time) {
        return Map.of(RestPagePoll.UPDATED_SINCE, time.toString());
    }

    @Override
    public Map<String, String> backfill(SourceRoute source, Checkpoint live, Instant from, Instant to,
                                    BackfillBatches batches) {
        Instant liveUpTo = liveUpTo(source, live);
        String idField = RestPages.idField(source.parameters());
        String updatedField = RestPages.updatedField(source.parameters());
        String updatedFormat = RestPages.updatedFormat(source.parameters());
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
                Instant updatedAt = RestPages.updatedAt(record, updatedField, updatedFormat);
                if (updatedAt != null && (!updatedAt.isBefore(to) || updatedAt.isAfter(liveUpTo))) {
                    pastEnd = true;
                    break;
                }
                if (updatedAt != null && !updatedAt.isBefore(from)) {
                    outcomes.add(batches.outcome(
                            RestPages.positionOf(record, idField, updatedField, updatedFormat, updatedSince, token,
                                    index), record));
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

    /**
     * The pages the live poll asks for next: from the checkpoint's {@code updatedSince} and page token (or the
     * template's start), page after page with the server's tokens, until {@code limit} records. Only GETs.
     */
    @Override
    public List<ReadAhead> readAhead(SourceRoute source, Checkpoint live, SourceRecordMapper mapper, int limit) {
        Map<String, String> p = source.parameters();
        String updatedSince = live.position().getOrDefault(RestPagePoll.UPDATED_SINCE,
                p.getOrDefault("initialUpdatedSince", "1970-01-01T00:00:00Z"));
        String token = live.position().get(RestPagePoll.PAGE_TOKEN);
        token = token == null || token.isEmpty() ? null : token;
        String idField = RestPages.idField(p);
        String updatedField = RestPages.updatedField(p);
        String updatedFormat = RestPages.updatedFormat(p);
        List<ReadAhead> records = new ArrayList<>();
        while (records.size() < limit) {
            RestPage page;
            try {
                page = pages.fetch(p, updatedSince, token);
            } catch (IllegalStateException e) {
                throw new ApiProblem(HttpStatus.BAD_GATEWAY, "source " + source.routeId() + ": " + e.getMessage());
            }
            int index = 0;
            for (Map<String, Object> record : page.records()) {
                if (records.size() == limit) {
                    break;
                }
                records.add(new ReadAhead(RestPages.positionOf(record, idField, updatedField, updatedFormat,
                        updatedSince, token, index), record));
                index++;
            }
            token = page.nextPageToken();
            if (token == null || page.records().isEmpty()) {
                break;
            }
        }
        return records;
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
