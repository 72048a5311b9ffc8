package cn.henan.skillshub.sources.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A REST source's pages for a one-off pull outside its route — a backfill — with the route's own parameters
 * (base URL, page size, signer, credentials, timeouts, retries), and the record positions exactly as the live poll
 * writes them, so a reject pulled again has the same id. No circuit breaker: the caller is an operator waiting for
 * the answer, who is told of a failure at once.
 */
@Component
public class RestPages {

    private final RestPageClient client;

    RestPages(RestPageClient client) {
        this.client = client;
    }

    /**
     * One page of {@code updated_at > updatedSince}, after {@code pageToken} (null: the first page).
     *
     * @param parameters the route's template parameters, resolved
     * @throws IllegalStateException when the page could not be fetched after the route's retries
     */
    public RestPage fetch(Map<String, String> parameters, String updatedSince, String pageToken) {
        Map<String, String> query = query(parameter(parameters, "paging", RestSourceSettings.TOKEN), updatedSince,
                pageToken, parameter(parameters, "pageSize", "100"));
        try {
            return client.fetch(settings(parameters), query);
        } catch (RestPageException e) {
            throw new IllegalStateException("page not fetched: " + e.getMessage(), e);
        }
    }

    /**
     * The query of one page: {@code updatedSince}, and {@code pageToken} and {@code pageSize} — or, paging by offset,
     * {@code offset} (the position's page token, 0 at first) and {@code limit}.
     */
    static Map<String, String> query(String paging, String updatedSince, String pageToken, String pageSize) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        query.put(RestPagePoll.UPDATED_SINCE, updatedSince);
        boolean token = pageToken != null && !pageToken.isEmpty();
        if (RestSourceSettings.OFFSET.equals(paging)) {
            query.put("offset", token ? pageToken : "0");
            query.put("limit", pageSize);
        } else {
            if (token) {
                query.put(RestPagePoll.PAGE_TOKEN, pageToken);
            }
            query.put("pageSize", pageSize);
        }
        return query;
    }

    /** The field holding a record's version ({@code updatedField}, default {@code updated_at}). */
    public static String updatedField(Map<String, String> parameters) {
        return parameter(parameters, "updatedField", "updated_at");
    }

    /** How that field is written: {@code iso} (the default) or {@code epoch-millis}. */
    public static String updatedFormat(Map<String, String> parameters) {
        return parameter(parameters, "updatedFormat", "iso");
    }

    /** A record's version read from {@code field} in {@code format}, or null when it has none that can be read. */
    public static Instant updatedAt(Map<String, Object> record, String field, String format) {
        Object value = record.get(field);
        if (value != null && "epoch-millis".equals(format)) {
            try {
                return Instant.ofEpochMilli(new java.math.BigDecimal(value.toString().strip()).longValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        return parseInstant(value);
    }

    /** {@link #positionOf(Map, String, String, String, int)} for a record whose version is {@code field}. */
    public static String positionOf(Map<String, Object> record, String idField, String field, String format,
                                    String updatedSince, String pageToken, int index) {
        Instant updatedAt = updatedAt(record, field, format);
        return updatedAt != null && record.get(idField) != null
                ? updatedAt + "#" + record.get(idField)
                : updatedSince + "|" + (pageToken == null ? "" : pageToken) + "#" + index;
    }

    /** The id field of the route's records. */
    public static String idField(Map<String, String> parameters) {
        return parameter(parameters, "idField", "record_id");
    }

    /**
     * Where a record stands, as the live poll names it: {@code updated_at#id}, or — for a record lacking either —
     * its place in the query that served it.
     */
    public static String positionOf(Map<String, Object> record, String idField, String updatedSince,
                                    String pageToken, int index) {
        Instant updatedAt = updatedAt(record);
        return updatedAt != null && record.get(idField) != null
                ? updatedAt + "#" + record.get(idField)
                : updatedSince + "|" + (pageToken == null ? "" : pageToken) + "#" + index;
    }

    /** A record's {@code updated_at}, or null when it has none that can be read (the record is then rejected). */
    public static Instant updatedAt(Map<String, Object> record) {
        return parseInstant(record.get("updated_at"));
    }

    static Instant parseInstant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.toString()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static RestSourceSettings settings(Map<String, String> p) {
        return new RestSourceSettings(p.get("sourceId"), p.get("baseUrl"),
                Integer.parseInt(parameter(p, "pageSize", "100")), parameter(p, "signer", "none"),
                parameter(p, "credential", ""), parameter(p, "secret", ""),
                millis(p, "connectTimeoutMs", "2000"), millis(p, "readTimeoutMs", "10000"),
                Integer.parseInt(parameter(p, "retries", "3")), millis(p, "backoffMs", "500"),
                millis(p, "maxBackoffMs", "10000"), millis(p, "maxRetryAfterMs", "60000"),
                parameter(p, "paging", RestSourceSettings.TOKEN), parameter(p, "recordsPointer", "/records"));
    }

    private static Duration millis(Map<String, String> parameters, String name, String fallback) {
        return Duration.ofMillis(Long.parseLong(parameter(parameters, name, fallback).strip()));
    }

    private static String parameter(Map<String, String> parameters, String name, String fallback) {
        String value = parameters.get(name);
        return value == null ? fallback : value;
    }
}
