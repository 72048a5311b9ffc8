package cn.henan.skillshub.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Pushes one event to a subscriber's HTTP endpoint as a CloudEvent (binary mode: the event's JSON as the body, its
 * attributes as {@code ce-*} headers; structured mode: one {@code application/cloudevents+json} document), signed
 * ({@link PushSignature}), with {@code Idempotency-Key: <ce_id>}. What an answer means:
 * <ul>
 *   <li>2xx: delivered;</li>
 *   <li>4xx (but 408 and 429): the subscriber refuses this event: dead-lettered at once, not retried, and the next
 *       event goes on;</li>
 *   <li>5xx, 408, 429, a timeout, a refused connection: a failed attempt, retried after a backoff that doubles up to
 *       {@code maxBackoffMs}; after {@code retries} retries the event is dead-lettered with the last reason.</li>
 * </ul>
 * Each subscriber has its own circuit breaker (Resilience4j). While it is open nothing is sent: the event waits (it
 * is neither delivered nor counted as an attempt) and the partition waits with it, so a receiver that is down
 * blocks its own route only and loses nothing. The event's offset is committed by the route only after
 * {@link #deliver} returns: delivered or dead-lettered, never merely skipped.
 */
@Component(HttpPush.BEAN)
class HttpPush {

    static final String BEAN = "httpPush";
    static final String SUBSCRIBER = "deliverySubscriber";
    private static final Logger log = LoggerFactory.getLogger(HttpPush.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one attempt came to. */
    enum Outcome { DELIVERED, REFUSED, FAILED, BREAKER_OPEN }

    record Answer(Outcome outcome, String reason) {
    }

    private final Subscribers subscribers;
    private final DeadLetters deadLetters;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

    @Autowired
    HttpPush(Subscribers subscribers, DeadLetters deadLetters, DeliveryMetrics metrics) {
        this(subscribers, deadLetters, metrics, Clock.systemUTC());
    }

    HttpPush(Subscribers subscribers, DeadLetters deadLetters, DeliveryMetrics metrics, Clock clock) {
        this.subscribers = subscribers;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The route's step: returns once the event is delivered or dead-lettered; throws if the route stops first. */
    public void deliver(Exchange exchange) throws InterruptedException {
        Receiver receiver = receiver(exchange.getProperty(SUBSCRIBER, String.class));
        Event event = Event.of(exchange.getMessage());
        long backoff = receiver.backoffMs;
        int attempts = 0;
        while (true) {
            Answer answer = attempt(receiver, event);
            switch (answer.outcome()) {
                case DELIVERED -> {
                    metrics.delivered(receiver.id, 1);
                    return;
                }
                case REFUSED -> {
                    deadLetter(receiver, event, answer.reason() + " (refused, not retried)", attempts + 1);
                    return;
                }
                case FAILED -> {
                    attempts++;
                    metrics.failed(receiver.id);
                    if (attempts > receiver.retries) {
                        deadLetter(receiver, event, answer.reason() + " after " + attempts + " attempts", attempts);
                        return;
                    }
                    log.info("subscriber {}: event {} not delivered ({}), attempt {} of {}; next in {} ms",
                            receiver.id, event.ceId(), answer.reason(), attempts, receiver.retries + 1, backoff);
                }
                case BREAKER_OPEN -> log.debug("subscriber {}: breaker open, event {} waits", receiver.id, event.ceId());
            }
            pause(exchange, backoff);
            if (answer.outcome() == Outcome.FAILED) {
                backoff = Math.min(backoff * 2, receiver.maxBackoffMs);
            }
        }
    }

    /** One attempt, as a redelivery makes it. */
    Answer attempt(Subscriber subscriber, Event event) {
        return attempt(receiver(subscriber.id()), event);
    }

    private Answer attempt(Receiver receiver, Event event) {
        if (!receiver.breaker.tryAcquirePermission()) {
            return new Answer(Outcome.BREAKER_OPEN, "circuit breaker open");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = receiver.client.send(request(receiver, event),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            long took = System.nanoTime() - start;
            if (status >= 200 && status < 300) {
                receiver.breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                return new Answer(Outcome.DELIVERED, "HTTP " + status);
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                // The receiver is up and answers; it is this event it does not take.
                receiver.breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                return new Answer(Outcome.REFUSED, "HTTP " + status);
            }
            receiver.breaker.onError(took, TimeUnit.NANOSECONDS, new IOException("HTTP " + status));
            return new Answer(Outcome.FAILED, "HTTP " + status);
        } catch (HttpTimeoutException e) {
            receiver.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return new Answer(Outcome.FAILED, "timeout");
        } catch (IOException e) {
            receiver.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return new Answer(Outcome.FAILED, "connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            receiver.breaker.releasePermission();
            Thread.currentThread().interrupt();
            return new Answer(Outcome.FAILED, "interrupted");
        }
    }

    private HttpRequest request(Receiver receiver, Event event) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver.url).timeout(receiver.readTimeout)
                .header("Idempotency-Key", event.ceId());
        byte[] body;
        if (receiver.structured) {
            body = structured(event);
            request.header("Content-Type", "application/cloudevents+json; charset=UTF-8");
        } else {
            body = event.value();
            event.headers().forEach((name, value) -> {
                if (name.startsWith("ce_")) {
                    request.header("ce-" + name.substring(3), value);
                }
            });
            request.header("Content-Type", event.headers().getOrDefault("content-type", "application/json"));
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        request.header(PushSignature.TIMESTAMP, timestamp)
                .header(PushSignature.SIGNATURE, PushSignature.sign(receiver.secret, event.ceId(), timestamp, body));
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** The CloudEvents JSON format: the attributes, and the event's JSON as {@code data}. */
    static byte[] structured(Event event) throws IOException {
        ObjectNode document = JSON.createObjectNode();
        event.headers().forEach((name, value) -> {
            if (name.startsWith("ce_")) {
                document.put(name.substring(3), value);
            }
        });
        document.put("datacontenttype", event.headers().getOrDefault("content-type", "application/json"));
        JsonNode data = JSON.readTree(event.value());
        document.set("data", data);
        return JSON.writeValueAsBytes(document);
    }

    private void deadLetter(Receiver receiver, Event event, String reason, int attempts) {
        deadLetters.deadLetter(receiver.id, event, reason, attempts);
        metrics.deadLettered(receiver.id);
        log.warn("subscriber {}: event {} ({}) dead-lettered: {}", receiver.id, event.ceId(), event.origin(), reason);
    }

    /** Waits, unless the route or Camel is stopping: then the event is left uncommitted, for the next start. */
    private static void pause(Exchange exchange, long millis) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            ServiceStatus route = exchange.getContext().getRouteController().getRouteStatus(exchange.getFromRouteId());
            if (exchange.getContext().isStopping() || route == null || route.isStopping() || route.isStopped()) {
                throw new IllegalStateException("route " + exchange.getFromRouteId() + " stopping: event left for"
                        + " the next start");
            }
            Thread.sleep(Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()))));
        }
    }

    private Receiver receiver(String id) {
        return receivers.computeIfAbsent(id, key -> new Receiver(subscribers.find(key).orElseThrow(
                () -> new IllegalStateException("no subscriber " + key))));
    }

    /** A subscriber's endpoint, client and breaker. */
    private static final class Receiver {
        final String id;
        final URI url;
        final boolean structured;
        final String secret;
        final int retries;
        final long backoffMs;
        final long maxBackoffMs;
        final Duration readTimeout;
        final HttpClient client;
        final CircuitBreaker breaker;

        Receiver(Subscriber subscriber) {
            id = subscriber.id();
            url = URI.create(subscriber.parameter("url"));
            structured = "structured".equals(subscriber.parameter("mode"));
            secret = subscriber.parameter("secret");
            retries = subscriber.intParameter("retries");
            backoffMs = Math.max(1, subscriber.intParameter("backoffMs"));
            maxBackoffMs = Math.max(backoffMs, subscriber.intParameter("maxBackoffMs"));
            readTimeout = Duration.ofMillis(subscriber.intParameter("readTimeoutMs"));
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofMillis(subscriber.intParameter("connectTimeoutMs"))).build();
            breaker = CircuitBreaker.of("delivery-" + id, CircuitBreakerConfig.custom()
                    .failureRateThreshold(subscriber.intParameter("breakerFailureRate"))
                    .minimumNumberOfCalls(subscriber.intParameter("breakerMinimumCalls"))
                    .slidingWindowSize(subscriber.intParameter("breakerWindow"))
                    .waitDurationInOpenState(Duration.ofSeconds(subscriber.intParameter("breakerOpenSeconds")))
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .automaticTransitionFromOpenToHalfOpenEnabled(true)
                    .build());
        }
    }

    /** The breaker's state, for the API and the console; CLOSED for a subscriber not pushed to yet. */
    String breakerState(String id) {
        Receiver receiver = receivers.get(id);
        return receiver == null ? "CLOSED" : receiver.breaker.getState().name();
    }
}
