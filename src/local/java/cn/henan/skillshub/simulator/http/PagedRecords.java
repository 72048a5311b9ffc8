package cn.henan.skillshub.simulator.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source's records as a paging API serves them: ordered by {@code (updated_at, id)}, filtered by
 * {@code updated_at > updatedSince}, cut into pages whose token is the key of the last record served (so a token
 * stays valid however many records arrive after it). Every change gets an {@code updated_at} later than all before
 * it, as a source that stamps its changes at commit would.
 */
public final class PagedRecords {

    /** One page and the token of the next, null when this is the last. */
    public record Page(List<Map<String, Object>> records, String nextPageToken) {
    }

    /** One page by offset: the records after {@code offset} of the query, and how many the query has. */
    public record OffsetPage(List<Map<String, Object>> records, int total) {
    }

    private final String idField;
    private final boolean wholeMillis;
    private final List<Map<String, Object>> records = new ArrayList<>();
    private Instant lastStamp = Instant.EPOCH;

    public PagedRecords(String idField) {
        this(idField, false);
    }

    /** @param wholeMillis stamps in whole milliseconds, for a body that writes its versions in epoch milliseconds */
    public PagedRecords(String idField, boolean wholeMillis) {
        this.idField = idField;
        this.wholeMillis = wholeMillis;
    }

    /** Adds a record (or a new version of one) stamped now, after every record before it. */
    public synchronized Map<String, Object> add(Map<String, Object> fields) {
        Instant now = wholeMillis ? Instant.ofEpochMilli(System.currentTimeMillis()) : Instant.now();
        lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plusNanos(wholeMillis ? 1_000_000 : 1000);
        Map<String, Object> record = new LinkedHashMap<>(fields);
        record.put("updated_at", lastStamp.toString());
        records.add(record);
        return record;
    }

    public synchronized int size() {
        return records.size();
    }

    /**
     * @throws IllegalArgumentException when updatedSince or the token cannot be read (a 400 for the client)
     */
    public synchronized Page page(String updatedSince, String pageToken, int pageSize) {
        Instant since = updatedSince == null || updatedSince.isBlank() ? Instant.EPOCH : parse(updatedSince);
        String afterStamp = null;
        String afterId = null;
        if (pageToken != null && !pageToken.isBlank()) {
            String key = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
            int bar = key.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("pageToken is not one this API issued");
            }
            afterStamp = key.substring(0, bar);
            afterId = key.substring(bar + 1);
            parse(afterStamp);
        }
        List<Map<String, Object>> page = new ArrayList<>();
        boolean more = false;
        for (Map<String, Object> record : records) {
            Instant stamp = Instant.parse((String) record.get("updated_at"));
            if (!stamp.isAfter(since)) {
                continue;
            }
            if (afterStamp != null) {
                int byStamp = stamp.compareTo(Instant.parse(afterStamp));
                if (byStamp < 0 || byStamp == 0 && String.valueOf(record.get(idField)).compareTo(afterId) <= 0) {
                    continue;
                }
            }
            if (page.size() == pageSize) {
                more = true;
                break;
            }
            page.add(record);
        }
        String next = null;
        if (more) {
            Map<String, Object> last = page.get(page.size() - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (last.get("updated_at") + "|" + last.get(idField)).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(List.copyOf(page), next);
    }

    /**
     * Paging by offset: the records of {@code updated_at > updatedSince}, in order, from the {@code offset}-th on.
     * Records added while a client pages come after the ones it has seen (their stamps are later), so an offset
     * stays valid.
     */
    public synchronized OffsetPage offsetPage(String updatedSince, int offset, int limit) {
        Instant since = updatedSince == null || updatedSince.isBlank() ? Instant.EPOCH : parse(updatedSince);
        List<Map<String, Object>> matching = records.stream()
                .filter(r -> Instant.parse((String) r.get("updated_at")).isAfter(since)).toList();
        int from = Math.min(Math.max(0, offset), matching.size());
        return new OffsetPage(List.copyOf(matching.subList(from, Math.min(matching.size(), from + limit))),
                matching.size());
    }

    private static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant: " + text);
        }
    }
}
