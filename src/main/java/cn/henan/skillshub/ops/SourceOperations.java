package cn.henan.skillshub.ops;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.publishing.BatchPublisher;
import cn.henan.skillshub.publishing.Checkpoint;
import cn.henan.skillshub.publishing.CheckpointStore;
import cn.henan.skillshub.publishing.SourceMetrics;
import cn.henan.skillshub.sources.SourcePolls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Navigate;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The state of each source, and pausing and resuming it through Camel's route controller. */
@Component
class SourceOperations {

    private static final Logger log = LoggerFactory.getLogger(SourceOperations.class);
    static final String NOT_APPLICABLE = "n/a";

    private final CamelContext camel;
    private final SourceRoutes routes;
    private final CheckpointStore checkpoints;
    private final SourceMetrics metrics;
    private final BatchPublisher publisher;
    private final SourceFailures failures;
    private final SourcePolls polls;
    private final BeanFactory beans;
    private final Duration lagCacheFor;
    private final Map<String, CachedLag> lags = new ConcurrentHashMap<>();

    private record CachedLag(Instant at, Double seconds) {
    }

    SourceOperations(CamelContext camel, SourceRoutes routes, CheckpointStore checkpoints, SourceMetrics metrics,
                     BatchPublisher publisher, SourceFailures failures, SourcePolls polls, BeanFactory beans,
                     @Value("${skillshub.ops.lag-cache:5s}") Duration lagCacheFor) {
        this.camel = camel;
        this.routes = routes;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.publisher = publisher;
        this.failures = failures;
        this.polls = polls;
        this.beans = beans;
        this.lagCacheFor = lagCacheFor;
    }

    List<SourceStatus> all() {
        return routes.all().stream().map(this::status).toList();
    }

    List<SourceRoute> routes() {
        return routes.all();
    }

    /** The state alone, without the lag query: for health checks. */
    String state(SourceRoute source) {
        return state(source, metrics.lastSuccessfulPoll(source.sourceId()), lastFailure(source));
    }

    /**
     * The later of the two ways a poll is known to fail: an exception the route's error policy handled (every
     * kind of source), or what the REST fallback and the SFTP poll strategy report (a failed page, an open
     * circuit breaker, an SFTP server down), which never reaches the error policy.
     */
    private Optional<SourceFailures.Failure> lastFailure(SourceRoute source) {
        Optional<SourceFailures.Failure> handled = failures.last(source.routeId());
        Optional<SourceFailures.Failure> reported = polls.lastFailure(source.routeId())
                .map(f -> new SourceFailures.Failure(f.at(), f.kind(), SourceFailures.safe(f.message())));
        if (handled.isEmpty()) {
            return reported;
        }
        if (reported.isEmpty()) {
            return handled;
        }
        return reported.get().at().isAfter(handled.get().at()) ? reported : handled;
    }

    SourceStatus status(String routeId) {
        return status(source(routeId));
    }

    SourceRoute source(String routeId) {
        return routes.find(routeId).orElseThrow(() -> ApiProblem.notFound("no source '" + routeId + "'"));
    }

    SourceStatus pause(String routeId, String by) {
        SourceRoute source = source(routeId);
        try {
            camel.getRouteController().suspendRoute(source.routeId());
        } catch (Exception e) {
            throw new IllegalStateException("source " + routeId + " could not be paused", e);
        }
        log.info("source {} paused by {}", routeId, by);
        return status(source);
    }

    SourceStatus resume(String routeId, String by) {
        SourceRoute source = source(routeId);
        ServiceStatus status = camel.getRouteController().getRouteStatus(source.routeId());
        if (status == ServiceStatus.Stopped && publisher.isFenced(source.sourceId())) {
            throw ApiProblem.conflict("source " + routeId + " is fenced: another hub instance publishes it");
        }
        try {
            if (status == ServiceStatus.Stopped) {
                camel.getRouteController().startRoute(source.routeId());
            } else {
                camel.getRouteController().resumeRoute(source.routeId());
            }
        } catch (Exception e) {
            throw new IllegalStateException("source " + routeId + " could not be resumed", e);
        }
        log.info("source {} resumed by {}", routeId, by);
        return status(source);
    }

    SourceStatus status(SourceRoute source) {
        Optional<Checkpoint> checkpoint = checkpoints.committed(source.sourceId());
        Instant lastPoll = metrics.lastSuccessfulPoll(source.sourceId());
        Optional<SourceFailures.Failure> failure = lastFailure(source);
        Instant committedAt = checkpoint.map(Checkpoint::committedAt).orElse(null);
        return new SourceStatus(source.routeId(), source.template(), state(source, lastPoll, failure), lastPoll,
                checkpoint.map(Checkpoint::position).orElse(Map.of()), committedAt, lagSeconds(source),
                committedAt == null ? null : Duration.between(committedAt, Instant.now()).toMillis() / 1000.0,
                checkpoint.map(Checkpoint::recordsRead).orElse(0L),
                checkpoint.map(Checkpoint::eventsPublished).orElse(0L),
                checkpoint.map(Checkpoint::recordsRejected).orElse(0L),
                circuitBreaker(source.routeId()),
                failure.map(SourceFailures.Failure::at).orElse(null),
                failure.map(f -> f.kind() + ": " + f.message()).orElse(null));
    }

    private String state(SourceRoute source, Instant lastPoll, Optional<SourceFailures.Failure> failure) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(source.routeId());
        if (status == ServiceStatus.Suspended) {
            return "paused";
        }
        if (status == ServiceStatus.Stopped) {
            return publisher.isFenced(source.sourceId()) ? "fenced" : "stopped";
        }
        if (status == ServiceStatus.Started) {
            boolean failedSinceLastPoll = failure.isPresent()
                    && (lastPoll == null || failure.get().at().isAfter(lastPoll));
            return failedSinceLastPoll ? "failing" : "running";
        }
        return status == null ? "unknown" : status.name().toLowerCase(Locale.ROOT);
    }

    /** Seconds behind the source, as {@link SourceStatus#lagSeconds()} defines it for each way of pulling. */
    Double lagSeconds(SourceRoute source) {
        if (source.isJdbcKeysetPoll()) {
            return jdbcLag(source);
        }
        if (source.isRestPagePoll() || source.isSftpFileDrop()) {
            return pollLag(source, Instant.now());
        }
        return null;
    }

    /**
     * REST and SFTP: the time since the start of the last poll that left nothing behind (or, before the first such
     * poll, since this instance first polled the source), shown as 0 while that is within two poll intervals — one
     * interval between polls and one for the poll itself; and at least the age of the oldest file still waiting.
     * All of it is memory the route keeps up to date, so nothing is asked of the source here.
     */
    private Double pollLag(SourceRoute source, Instant now) {
        Optional<Instant> since = polls.caughtUpAt(source.routeId()).or(() -> polls.firstPoll(source.routeId()));
        if (since.isEmpty()) {
            return null;
        }
        double behind = seconds(since.get(), now);
        double lag = behind <= 2 * pollIntervalSeconds(source) ? 0 : behind;
        Optional<Instant> waiting = polls.oldestWaiting(source.routeId());
        return waiting.map(oldest -> Math.max(lag, seconds(oldest, now))).orElse(lag);
    }

    private static double pollIntervalSeconds(SourceRoute source) {
        String interval = source.parameter("pollIntervalMs");
        try {
            return interval == null ? 0 : Long.parseLong(interval.strip()) / 1000.0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }

    /**
     * JDBC: the age of the oldest row after the checkpoint (0 when none), read at most every
     * {@code skillshub.ops.lag-cache}; null if the feed is unreachable (then the source is failing anyway).
     */
    private Double jdbcLag(SourceRoute source) {
        CachedLag cached = lags.get(source.routeId());
        if (cached != null && cached.at().plus(lagCacheFor).isAfter(Instant.now())) {
            return cached.seconds();
        }
        Double seconds;
        try {
            JdbcFeed.Cursor cursor = checkpoints.committed(source.sourceId()).flatMap(JdbcFeed.Cursor::of)
                    .orElse(new JdbcFeed.Cursor(Instant.EPOCH, 0));
            seconds = feed(source).oldestPending(cursor).map(oldest -> seconds(oldest, Instant.now())).orElse(0.0);
        } catch (RuntimeException e) {
            log.debug("source {}: lag not readable ({})", source.routeId(), e.toString());
            seconds = null;
        }
        lags.put(source.routeId(), new CachedLag(Instant.now(), seconds));
        return seconds;
    }

    JdbcFeed feed(SourceRoute source) {
        String dataSource = Optional.ofNullable(source.parameter("dataSource")).orElse("exchangeDataSource");
        return new JdbcFeed(source, beans.getBean(dataSource, DataSource.class));
    }

    /** The state of the route's Resilience4j circuit breaker, if it has one. */
    String circuitBreaker(String routeId) {
        Route route = camel.getRoute(routeId);
        if (route == null) {
            return NOT_APPLICABLE;
        }
        Deque<Object> todo = new ArrayDeque<>();
        todo.add(route.navigate());
        int visited = 0;
        while (!todo.isEmpty() && visited++ < 10_000) {
            Object next = todo.poll();
            if (next instanceof ResilienceProcessor breaker) {
                return breaker.getCircuitBreakerState();
            }
            if (next instanceof Navigate<?> navigate && navigate.hasNext() && navigate.next() != null) {
                for (Object child : navigate.next()) {
                    if (child != null) {
                        todo.add(child);
                    }
                }
            }
        }
        return NOT_APPLICABLE;
    }
}
