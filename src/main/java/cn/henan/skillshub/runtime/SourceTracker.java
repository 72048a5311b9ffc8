package cn.henan.skillshub.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * What the hub knows of each source's polls and commits, in one place, by source id, and the per-source metrics
 * that count them. Told by the runtime (every commit), by the ways of pulling (a poll begun, caught up, a file
 * waiting, a failure their own code handled: a REST page not fetched after its retries, an open circuit breaker,
 * an SFTP server down) and — as a Camel event notifier — by every exception a source route's error policy handled.
 *
 * <p>Only memory: a restarted hub starts with no knowledge, and counts a REST or SFTP source's lag from its first
 * poll. Tagged by source id, never by anything personal; failure messages are masked before they are kept.
 */
@Component
public class SourceTracker extends EventNotifierSupport {

    // An ID number in an exception message (a driver quoting a value) must not reach the API or a metric.
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");

    /** A failed poll: when, the kind of failure (an exception's simple name), a message for operators. */
    public record Failure(Instant at, String kind, String message) {
    }

    private final MeterRegistry registry;
    private final SourceRegistry sources;
    private final Map<String, Instant> lastCommit = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSuccessfulPoll = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstPoll = new ConcurrentHashMap<>();
    private final Map<String, Instant> caughtUp = new ConcurrentHashMap<>();
    private final Map<String, Instant> oldestWaiting = new ConcurrentHashMap<>();
    private final Map<String, Failure> lastFailure = new ConcurrentHashMap<>();

    SourceTracker(MeterRegistry registry, SourceRegistry sources) {
        this.registry = registry;
        this.sources = sources;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    // ---- commits and polls ----

    void committed(String sourceId, int read, int published, int rejected) {
        counter("skillshub.source.records.read", sourceId).increment(read);
        counter("skillshub.source.events.published", sourceId).increment(published);
        counter("skillshub.source.records.rejected", sourceId).increment(rejected);
        if (lastCommit.put(sourceId, Instant.now()) == null) {
            Gauge.builder("skillshub.source.checkpoint.age.seconds", lastCommit,
                            commits -> Duration.between(commits.get(sourceId), Instant.now()).toMillis() / 1000.0)
                    .tags(Tags.of("source", sourceId)).register(registry);
        }
    }

    /** A poll that ran to its end, whether or not it found records. */
    public void polled(String sourceId, Duration duration) {
        lastSuccessfulPoll.put(sourceId, Instant.now());
        pollTimer(sourceId).record(duration);
    }

    public long polls(String sourceId) {
        return pollTimer(sourceId).count();
    }

    public Instant lastSuccessfulPoll(String sourceId) {
        return lastSuccessfulPoll.get(sourceId);
    }

    /** A poll of the source begins: the first one since start is where not knowing the lag begins. */
    public void pollStarted(String sourceId, Instant at) {
        firstPoll.putIfAbsent(sourceId, at);
    }

    /**
     * A poll that started at {@code pollStart} left nothing behind: every record (file) the source held when that
     * poll began is published. Nothing waits any more.
     */
    public void caughtUp(String sourceId, Instant pollStart) {
        caughtUp.merge(sourceId, pollStart, (a, b) -> a.isAfter(b) ? a : b);
        oldestWaiting.remove(sourceId);
    }

    /** An input complete since {@code since} is being published, or waits after a failure: the older one counts. */
    public void waiting(String sourceId, Instant since) {
        oldestWaiting.merge(sourceId, since, (a, b) -> a.isBefore(b) ? a : b);
    }

    public Optional<Instant> firstPoll(String sourceId) {
        return Optional.ofNullable(firstPoll.get(sourceId));
    }

    /** The start of the last poll that left nothing behind. */
    public Optional<Instant> caughtUpAt(String sourceId) {
        return Optional.ofNullable(caughtUp.get(sourceId));
    }

    public Optional<Instant> oldestWaiting(String sourceId) {
        return Optional.ofNullable(oldestWaiting.get(sourceId));
    }

    /**
     * The lag of a source that cannot be asked what it still holds (a REST API, an SFTP inbox): the time since the
     * start of the last poll that left nothing behind (or, before the first such poll, since this instance first
     * polled the source), shown as 0 while that is within two poll intervals — one interval between polls and one
     * for the poll itself; and at least the age of the oldest input still waiting. Null before the first poll.
     */
    public Double lagFromPolls(SourceRoute source) {
        Instant now = Instant.now();
        Optional<Instant> since = caughtUpAt(source.sourceId()).or(() -> firstPoll(source.sourceId()));
        if (since.isEmpty()) {
            return null;
        }
        double behind = seconds(since.get(), now);
        double lag = behind <= 2 * source.pollIntervalSeconds() ? 0 : behind;
        return oldestWaiting(source.sourceId()).map(oldest -> Math.max(lag, seconds(oldest, now))).orElse(lag);
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }

    // ---- failures ----

    /** A poll failed; counted in {@code skillshub.source.poll.failures} and kept as the source's last failure. */
    public void failed(String sourceId, String kind, String message) {
        lastFailure.put(sourceId, new Failure(Instant.now(), kind, safe(message == null ? "" : message)));
        Counter.builder("skillshub.source.poll.failures").description("polls of a source that failed")
                .tag("source", sourceId).register(registry).increment();
    }

    /** A REST page not fetched after its retries: a failure, also counted among the REST source's failed polls. */
    public void pageFailed(String sourceId, String kind, String message) {
        counter("skillshub.source.rest.polls.failed", sourceId).increment();
        failed(sourceId, kind, message);
    }

    /** A poll the source's circuit breaker did not let through: a failure, counted apart. */
    public void shortCircuited(String sourceId) {
        counter("skillshub.source.rest.polls.short-circuited", sourceId).increment();
        failed(sourceId, "CircuitBreakerOpen", "circuit breaker open after repeated failures; poll not sent");
    }

    public long failedPages(String sourceId) {
        return (long) counter("skillshub.source.rest.polls.failed", sourceId).count();
    }

    /** Polls not sent because the source's circuit breaker was open. */
    public long shortCircuitedPolls(String sourceId) {
        return (long) counter("skillshub.source.rest.polls.short-circuited", sourceId).count();
    }

    public Optional<Failure> lastFailure(String sourceId) {
        return Optional.ofNullable(lastFailure.get(sourceId));
    }

    /** A message fit for the API: no ID number, at most 300 characters. */
    static String safe(String message) {
        String masked = ID_NUMBER.matcher(message).replaceAll("******************");
        return masked.length() > 300 ? masked.substring(0, 300) : masked;
    }

    // ---- the failures a source route's error policy handled: the route goes on, only this notifier sees them ----

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeFailureHandledEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeFailureHandledEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId == null || exchange.getProperty(SourceErrorPolicy.RECORDED) != null) {
            return;
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        failed(sources.sourceIdOf(routeId), cause == null ? "unknown" : cause.getClass().getSimpleName(),
                cause == null ? "" : cause.getMessage());
    }

    private Timer pollTimer(String sourceId) {
        return Timer.builder("skillshub.source.poll.duration").tag("source", sourceId).register(registry);
    }

    private Counter counter(String name, String sourceId) {
        return Counter.builder(name).tag("source", sourceId).register(registry);
    }
}
