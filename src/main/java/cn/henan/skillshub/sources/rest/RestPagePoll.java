package cn.henan.skillshub.sources.rest;

import cn.henan.skillshub.runtime.SourceTransactions;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.SourceBatch;
import cn.henan.skillshub.runtime.SourceTracker;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceMappers;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code rest-page-poll} route: the cursor from the checkpoint, one page fetched, its records
 * mapped and published with the position after it.
 *
 * <p>The position is {@code updatedSince} and {@code pageToken}. While the server hands out next-page tokens,
 * {@code updatedSince} stays and the token moves on; after the last page of a query, {@code updatedSince} becomes
 * the greatest {@code updated_at} read and the token is cleared, so the next poll asks only for what changed since.
 * Each page is one batch, so a crash between pages resumes at the first page not committed.
 */
@Component(RestPagePoll.BEAN)
class RestPagePoll {

    static final String BEAN = "restPagePoll";
    static final String P = "skillshubRest.";
    static final String SOURCE_ID = P + "sourceId";
    static final String SOURCE_SYSTEM = P + "sourceSystem";
    static final String MAPPER = P + "mapper";
    static final String BASE_URL = P + "baseUrl";
    static final String ID_FIELD = P + "idField";
    static final String PAGE_SIZE = P + "pageSize";
    static final String SIGNER = P + "signer";
    static final String CREDENTIAL = P + "credential";
    static final String SECRET = P + "secret";
    static final String CONNECT_TIMEOUT = P + "connectTimeoutMs";
    static final String READ_TIMEOUT = P + "readTimeoutMs";
    static final String RETRIES = P + "retries";
    static final String BACKOFF = P + "backoffMs";
    static final String MAX_BACKOFF = P + "maxBackoffMs";
    static final String MAX_RETRY_AFTER = P + "maxRetryAfterMs";
    static final String INITIAL_UPDATED_SINCE = P + "initialUpdatedSince";
    static final String PAGING = P + "paging";
    static final String RECORDS_POINTER = P + "recordsPointer";
    static final String UPDATED_FIELD = P + "updatedField";
    static final String UPDATED_FORMAT = P + "updatedFormat";
    static final String MORE = P + "more";
    private static final String QUERY = P + "query";
    private static final String PAGE = P + "page";
    private static final String POLL_STARTED = P + "pollStarted";

    static final String UPDATED_SINCE = "updatedSince";
    static final String PAGE_TOKEN = "pageToken";
    /** Kept in the query map for publish, removed before the request. */
    private static final String POSITION_TOKEN = "skillshub.positionToken";

    private static final Logger log = LoggerFactory.getLogger(RestPagePoll.class);

    private final SourceTransactions publisher;
    private final RecordPipeline pipeline;
    private final SourceTracker tracker;
    private final RestPageClient client;
    private final SourceMappers mappers;
    /**
     * Whether the current poll of each source reached {@link #fetch}: the breaker runs fetch on a copy of the
     * exchange, so this cannot travel on the exchange itself. One poll at a time per source (one route, one thread).
     */
    private final Map<String, Boolean> fetching = new ConcurrentHashMap<>();
    /** Whether the current poll of each source ended in the fallback (same reason as {@link #fetching}). */
    private final Map<String, Boolean> fellBack = new ConcurrentHashMap<>();
    /** When the current poll of each source began, for the lag: a poll that drains catches up to its start. */
    private final Map<String, Instant> pollStart = new ConcurrentHashMap<>();

    RestPagePoll(SourceTransactions publisher, RecordPipeline pipeline, SourceTracker tracker, RestPageClient client,
                 SourceMappers mappers) {
        this.publisher = publisher;
        this.pipeline = pipeline;
        this.tracker = tracker;
        this.client = client;
        this.mappers = mappers;
    }

    /** The query of the next page: the committed position, or the configured start when there is none. */
    public void prepare(Exchange exchange) {
        String sourceId = exchange.getProperty(SOURCE_ID, String.class);
        if (exchange.getProperties().putIfAbsent(POLL_STARTED, System.nanoTime()) == null) {
            Instant now = Instant.now();
            pollStart.put(sourceId, now);
            fellBack.put(sourceId, false);
            tracker.pollStarted(sourceId, now);
        }
        Map<String, String> position = publisher.resumePoint(sourceId).position();
        Map<String, String> query = new LinkedHashMap<>(RestPages.query(exchange.getProperty(PAGING, String.class),
                position.getOrDefault(UPDATED_SINCE, exchange.getProperty(INITIAL_UPDATED_SINCE, String.class)),
                position.get(PAGE_TOKEN), exchange.getProperty(PAGE_SIZE, String.class)));
        // The position's token, whatever the paging calls it in the query (pageToken, or offset).
        query.put(POSITION_TOKEN, position.getOrDefault(PAGE_TOKEN, ""));
        exchange.setProperty(QUERY, query);
        exchange.setProperty(PAGE, null);
        fetching.put(sourceId, false);
        exchange.setProperty(MORE, false);
    }

    /** Inside the circuit breaker: one page, with its retries. An exception here counts against the breaker. */
    public void fetch(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, String> query = exchange.getProperty(QUERY, Map.class);
        fetching.put(exchange.getProperty(SOURCE_ID, String.class), true);
        Map<String, String> request = new LinkedHashMap<>(query);
        request.remove(POSITION_TOKEN);
        exchange.setProperty(PAGE, client.fetch(settings(exchange), request));
    }

    /** The circuit breaker's fallback: the poll ends here, nothing was committed, the next tick tries again. */
    public void fallback(Exchange exchange) {
        String sourceId = exchange.getProperty(SOURCE_ID, String.class);
        exchange.setProperty(MORE, false);
        exchange.setProperty(PAGE, null);
        fellBack.put(sourceId, true);
        Throwable cause = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        // Camel marks every fallback "short-circuited"; a poll the breaker did not let through never reached fetch.
        if (cause instanceof CallNotPermittedException || !fetching.getOrDefault(sourceId, false)) {
            tracker.shortCircuited(sourceId);
            log.debug("source {}: circuit breaker open, poll skipped", sourceId);
            return;
        }
        String reason = cause == null ? "unknown" : cause.getMessage();
        tracker.pageFailed(sourceId, cause == null ? "unknown" : cause.getClass().getSimpleName(), reason);
        log.warn("source {}: page at {} not fetched ({}); nothing committed, the next poll resumes from the"
                + " checkpoint", sourceId, exchange.getProperty(QUERY), reason);
    }

    /** Maps the page's records and publishes them with the position after the page, in one Kafka transaction. */
    public void publish(Exchange exchange) {
        RestPage page = exchange.getProperty(PAGE, RestPage.class);
        if (page == null) {
            return;
        }
        String sourceId = exchange.getProperty(SOURCE_ID, String.class);
        String sourceSystem = exchange.getProperty(SOURCE_SYSTEM, String.class);
        String idField = exchange.getProperty(ID_FIELD, String.class);
        @SuppressWarnings("unchecked")
        Map<String, String> query = exchange.getProperty(QUERY, Map.class);
        exchange.setProperty(MORE, page.nextPageToken() != null && !page.records().isEmpty());
        if (page.records().isEmpty()) {
            return;
        }
        SourceRecordMapper mapper = mappers.of(sourceId, exchange.getProperty(MAPPER, String.class));
        String updatedSince = query.get(UPDATED_SINCE);
        String positionToken = query.get(POSITION_TOKEN);
        String updatedField = exchange.getProperty(UPDATED_FIELD, String.class);
        String updatedFormat = exchange.getProperty(UPDATED_FORMAT, String.class);
        Instant newest = RestPages.parseInstant(updatedSince);
        List<RecordOutcome> outcomes = new ArrayList<>(page.records().size());
        int index = 0;
        for (Map<String, Object> record : page.records()) {
            Instant updatedAt = RestPages.updatedAt(record, updatedField, updatedFormat);
            if (updatedAt != null && (newest == null || updatedAt.isAfter(newest))) {
                newest = updatedAt;
            }
            String position = RestPages.positionOf(record, idField, updatedField, updatedFormat, updatedSince,
                    positionToken.isEmpty() ? null : positionToken, index);
            outcomes.add(pipeline.process(new SourceRecord(sourceId, sourceSystem, position, record), mapper));
            index++;
        }
        Map<String, String> next = page.nextPageToken() != null
                ? Map.of(UPDATED_SINCE, updatedSince, PAGE_TOKEN, page.nextPageToken())
                : Map.of(UPDATED_SINCE, newest == null ? updatedSince : newest.toString(), PAGE_TOKEN, "");
        publisher.publish(new SourceBatch(sourceId, outcomes, next), page.records().size());
        log.debug("source {}: page of {} records committed, position now {}", sourceId, outcomes.size(), next);
    }

    /**
     * The end of a poll. Only one that got every page it asked for counts as a successful poll, and — having
     * drained the query — catches the source up to the moment it began. A poll that ended in the fallback did
     * neither: the source stays as far behind as it was, and the lag keeps growing.
     */
    public void polled(Exchange exchange) {
        String sourceId = exchange.getProperty(SOURCE_ID, String.class);
        Long started = exchange.getProperty(POLL_STARTED, Long.class);
        if (started == null || fellBack.getOrDefault(sourceId, false)) {
            return;
        }
        tracker.polled(sourceId, Duration.ofNanos(System.nanoTime() - started));
        Instant began = pollStart.get(sourceId);
        if (began != null) {
            tracker.caughtUp(sourceId, began);
        }
    }

    private static RestSourceSettings settings(Exchange exchange) {
        return new RestSourceSettings(exchange.getProperty(SOURCE_ID, String.class),
                exchange.getProperty(BASE_URL, String.class), exchange.getProperty(PAGE_SIZE, Integer.class),
                exchange.getProperty(SIGNER, String.class), exchange.getProperty(CREDENTIAL, String.class),
                exchange.getProperty(SECRET, String.class), millis(exchange, CONNECT_TIMEOUT),
                millis(exchange, READ_TIMEOUT), exchange.getProperty(RETRIES, Integer.class),
                millis(exchange, BACKOFF), millis(exchange, MAX_BACKOFF), millis(exchange, MAX_RETRY_AFTER),
                exchange.getProperty(PAGING, String.class), exchange.getProperty(RECORDS_POINTER, String.class));
    }

    private static Duration millis(Exchange exchange, String property) {
        return Duration.ofMillis(exchange.getProperty(property, Long.class));
    }
}
