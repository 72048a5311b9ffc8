package cn.henan.skillshub.sources.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Fetches one page over HTTP with {@code java.net.http}, signing each attempt afresh, retrying what may succeed
 * on a second try (5xx, 408, 429, timeouts, a body cut short) with exponential backoff, and waiting as long as a
 * {@code 429}'s {@code Retry-After} asks. A refused signature (401/403) or another 4xx is not retried: asking again
 * the same way would be refused again.
 *
 * <p>Why {@code java.net.http} and not Camel's http component: the CE registry refuses a nonce it has seen, so a
 * retry must be a new signed request, not a redelivery of the same message with the same headers; and the retry
 * must wait as long as the server's {@code Retry-After} says. Both are a few lines around {@code HttpClient.send};
 * with the http component they would be header juggling inside redelivery policies.
 */
@Component
class RestPageClient {

    private static final Logger log = LoggerFactory.getLogger(RestPageClient.class);

    private final ApplicationContext beans;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    RestPageClient(ApplicationContext beans) {
        this.beans = beans;
    }

    RestPage fetch(RestSourceSettings source, Map<String, String> query) {
        URI uri = URI.create(source.baseUrl() + "?" + HmacRequestSignature.canonicalQuery(query));
        RequestSigner signer = "none".equals(source.signer()) ? null : beans.getBean(source.signer(), RequestSigner.class);
        for (int attempt = 1; ; attempt++) {
            try {
                return once(source, uri, signer, query);
            } catch (RestPageException e) {
                if (!e.retryable() || attempt > source.retries()) {
                    throw e;
                }
                long wait = e.retryAfterMillis() >= 0 ? e.retryAfterMillis() : backoff(source, attempt);
                log.info("source {}: {}; attempt {} of {} again in {} ms", source.sourceId(), e.getMessage(),
                        attempt + 1, source.retries() + 1, wait);
                pause(wait);
            }
        }
    }

    private RestPage once(RestSourceSettings source, URI uri, RequestSigner signer, Map<String, String> query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(source.readTimeout())
                .header("Accept", "application/json");
        if (signer != null) {
            signer.sign(request, "GET", uri, source.credential(), source.secret());
        }
        HttpResponse<String> response;
        try {
            response = client(source.connectTimeout()).send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw RestPageException.retryable("no answer within " + source.readTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw RestPageException.retryable("connection failed (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RestPageException.refused("interrupted");
        }
        int status = response.statusCode();
        if (status == 200) {
            return parse(response.body(), source, query);
        }
        if (status == 429) {
            long retryAfter = retryAfterMillis(response);
            if (retryAfter > source.maxRetryAfter().toMillis()) {
                throw RestPageException.refused("HTTP 429 asking to wait " + retryAfter
                        + " ms, more than the " + source.maxRetryAfter().toMillis() + " ms this source allows");
            }
            throw RestPageException.tooManyRequests("HTTP 429 Too Many Requests", retryAfter);
        }
        if (status >= 500 || status == 408) {
            throw RestPageException.retryable("HTTP " + status, null);
        }
        if (status == 401 || status == 403) {
            throw RestPageException.refused("HTTP " + status + ": credentials or signature refused ("
                    + errorOf(response.body()) + ")");
        }
        throw RestPageException.refused("HTTP " + status + " (" + errorOf(response.body()) + ")");
    }

    /**
     * {"records": [ {...}, ... ], "nextPageToken": "..." | null} — or the records where {@code recordsPointer} says
     * ({@code /data/list}), and, paging by offset, a next page while this one is full. A body cut short is worth
     * asking for again.
     */
    private RestPage parse(String body, RestSourceSettings source, Map<String, String> query) {
        JsonNode page;
        try {
            page = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw RestPageException.retryable("the page is not complete JSON (" + body.length() + " characters)", e);
        }
        JsonNode array = page == null ? null : page.at(source.recordsPointer());
        if (array == null || !array.isArray()) {
            throw RestPageException.retryable("the page has no records array at " + source.recordsPointer(), null);
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonNode record : array) {
            Map<String, Object> fields = new LinkedHashMap<>();
            record.fields().forEachRemaining(field -> fields.put(field.getKey(), valueOf(field.getValue())));
            records.add(fields);
        }
        if (RestSourceSettings.OFFSET.equals(source.paging())) {
            long offset = Long.parseLong(query.getOrDefault("offset", "0"));
            return new RestPage(records, records.size() >= source.pageSize() ? Long.toString(offset + records.size())
                    : null);
        }
        JsonNode next = page.get("nextPageToken");
        return new RestPage(records, next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText());
    }

    private static Object valueOf(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        // Nested objects and arrays stay structured, for a record mapping's JSON pointers (/person/idCardNo).
        Map<String, Object> nested = new LinkedHashMap<>();
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(valueOf(item)));
            return items;
        }
        node.fields().forEachRemaining(field -> nested.put(field.getKey(), valueOf(field.getValue())));
        return nested;
    }

    /** Seconds, or an HTTP date (RFC 9110 §10.2.3); absent or unreadable: one second. */
    static long retryAfterMillis(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("1").trim();
        try {
            return Math.max(0, Long.parseLong(value)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(), at).toMillis());
            } catch (DateTimeParseException notADate) {
                return 1000;
            }
        }
    }

    private static long backoff(RestSourceSettings source, int attempt) {
        long base = source.backoff().toMillis() << Math.min(attempt - 1, 16);
        return Math.min(base, source.maxBackoff().toMillis());
    }

    private String errorOf(String body) {
        try {
            JsonNode error = json.readTree(body).get("error");
            return error == null ? "no message" : error.asText();
        } catch (JsonProcessingException | RuntimeException e) {
            return "no message";
        }
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder().connectTimeout(t)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RestPageException.refused("interrupted while waiting to retry");
        }
    }
}
