package cn.henan.skillshub.sources;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What the routes of the REST and SFTP sources tell operations about their polls, by route id: since when the
 * source is known to be caught up, the oldest input still waiting, and the last failed poll. A JDBC feed needs none
 * of it — its lag is read from the feed itself — but a REST API or an SFTP inbox cannot be asked cheaply "what is
 * the oldest record you hold that I have not published?", so the route remembers what its polls learnt.
 *
 * <p>Only memory: a restarted hub starts with no knowledge, and counts its lag from its first poll. A failure
 * reported here also counts in {@code skillshub.source.poll.failures}, as an exception the route's error policy
 * handles does (ops {@code SourceFailures}); the two never see the same failure.
 */
@Component
public class SourcePolls {

    /** A failed poll: when, the kind of failure (an exception's simple name), a message for operators. */
    public record Failure(Instant at, String kind, String message) {
    }

    private final MeterRegistry registry;
    private final Map<String, Instant> firstPoll = new ConcurrentHashMap<>();
    private final Map<String, Instant> caughtUp = new ConcurrentHashMap<>();
    private final Map<String, Instant> oldestWaiting = new ConcurrentHashMap<>();
    private final Map<String, Failure> lastFailure = new ConcurrentHashMap<>();

    SourcePolls(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A poll of the source begins: the first one since start is where not knowing the lag begins. */
    public void pollStarted(String routeId, Instant at) {
        firstPoll.putIfAbsent(routeId, at);
    }

    /**
     * A poll that started at {@code pollStart} left nothing behind: every record (file) the source held when that
     * poll began is published. Nothing waits any more.
     */
    public void caughtUp(String routeId, Instant pollStart) {
        caughtUp.merge(routeId, pollStart, (a, b) -> a.isAfter(b) ? a : b);
        oldestWaiting.remove(routeId);
    }

    /** An input complete since {@code since} is being published, or waits after a failure: the older one counts. */
    public void waiting(String routeId, Instant since) {
        oldestWaiting.merge(routeId, since, (a, b) -> a.isBefore(b) ? a : b);
    }

    public void failed(String routeId, String kind, String message) {
        lastFailure.put(routeId, new Failure(Instant.now(), kind, message == null ? "" : message));
        Counter.builder("skillshub.source.poll.failures").description("polls of a source that failed")
                .tag("source", routeId).register(registry).increment();
    }

    public Optional<Instant> firstPoll(String routeId) {
        return Optional.ofNullable(firstPoll.get(routeId));
    }

    /** The start of the last poll that left nothing behind. */
    public Optional<Instant> caughtUpAt(String routeId) {
        return Optional.ofNullable(caughtUp.get(routeId));
    }

    public Optional<Instant> oldestWaiting(String routeId) {
        return Optional.ofNullable(oldestWaiting.get(routeId));
    }

    public Optional<Failure> lastFailure(String routeId) {
        return Optional.ofNullable(lastFailure.get(routeId));
    }
}
