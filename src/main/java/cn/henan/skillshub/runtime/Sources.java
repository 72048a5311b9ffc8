package cn.henan.skillshub.runtime;

import cn.henan.skillshub.api.ApiProblem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Navigate;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sources this instance runs, as operators see them: each one's state (from Camel's route controller, the
 * runtime's fencing and the {@link SourceTracker}), its checkpoint, its lag (asked of its way of pulling), and
 * pausing and resuming it. Registers each source's gauges as the {@link SourceRegistry} announces it, and removes
 * them when the source goes: {@code skillshub.source.lag.seconds}, {@code skillshub.source.circuit.open} (1 open,
 * 0 closed or half open, absent value where the route has no breaker), {@code skillshub.source.paused} and
 * {@code skillshub.source.failing}.
 */
// Named apart from the health indicator "sources" (ops SourcesHealth), which keeps its name for /actuator/health.
@Component("sourceStates")
public class Sources implements SourceRegistry.Listener {

    private static final Logger log = LoggerFactory.getLogger(Sources.class);
    public static final String NOT_APPLICABLE = "n/a";

    private final CamelContext camel;
    private final SourceRegistry registry;
    private final CheckpointStore checkpoints;
    private final SourceTracker tracker;
    private final SourceTransactions transactions;
    private final SourceLeadership leadership;
    private final BrokerWatch broker;
    private final ClusterReports reports;
    private final MeterRegistry meters;
    private final SourceFiles files;
    private final Map<String, List<Meter>> gauges = new ConcurrentHashMap<>();

    Sources(CamelContext camel, SourceRegistry registry, CheckpointStore checkpoints, SourceTracker tracker,
            SourceTransactions transactions, SourceLeadership leadership, BrokerWatch broker, ClusterReports reports,
            MeterRegistry meters, SourceFiles files) {
        this.camel = camel;
        this.registry = registry;
        this.checkpoints = checkpoints;
        this.tracker = tracker;
        this.transactions = transactions;
        this.leadership = leadership;
        this.broker = broker;
        this.reports = reports;
        this.meters = meters;
        this.files = files;
        registry.listen(this);
    }

    /** Every source, then every route file refused with no version of it running (state {@code refused}). */
    public List<SourceStatus> all() {
        List<SourceStatus> all = new java.util.ArrayList<>(registry.all().stream().map(this::status).toList());
        for (SourceFiles.State refused : files.refusedAndNotRunning()) {
            List<String> ids = refused.sourceIds().isEmpty() ? List.of(refused.origin()) : refused.sourceIds();
            for (String id : ids) {
                if (registry.find(id).isEmpty()) {
                    all.add(new SourceStatus(id, null, "refused", null, Map.of(), null, null, null, 0, 0, 0,
                            NOT_APPLICABLE, refused.refusedAt(), null, null, Instant.now(), "refused",
                            refused.origin(), refused.refusal()));
                }
            }
        }
        return all;
    }

    public List<SourceRoute> routes() {
        return registry.all();
    }

    public SourceRoute source(String routeId) {
        return registry.find(routeId).orElseThrow(() -> ApiProblem.notFound("no source '" + routeId + "'"));
    }

    public SourceStatus status(String routeId) {
        return status(source(routeId));
    }

    /** The state of the source's route on this instance, as Camel's route controller has it. */
    public ServiceStatus routeStatus(SourceRoute source) {
        return camel.getRouteController().getRouteStatus(source.routeId());
    }

    /** The state alone, without the lag query: for health checks. */
    public String state(SourceRoute source) {
        return state(source, tracker.lastSuccessfulPoll(source.sourceId()), failure(source));
    }

    /** The source's last failure; while the broker does not answer, that outage, for every source alike. */
    private Optional<SourceTracker.Failure> failure(SourceRoute source) {
        Optional<BrokerWatch.Outage> outage = broker.outage();
        if (outage.isPresent()) {
            return Optional.of(new SourceTracker.Failure(outage.get().since(), "KafkaUnreachable",
                    "the broker does not answer: " + SourceTracker.safe(outage.get().reason())));
        }
        return tracker.lastFailure(source.sourceId());
    }

    /**
     * A source this instance leads, for an operator's command on it; 409 on an instance that does not lead it (the
     * command is sent to the leader: {@code GET /api/v1/sources} there shows it running).
     */
    public SourceRoute led(String routeId) {
        SourceRoute source = source(routeId);
        if (!leadership.leads(source.sourceId())) {
            throw ApiProblem.conflict("source " + routeId + " is led by another hub instance, not by "
                    + leadership.instanceId() + "; send the command to the instance that shows it running");
        }
        return source;
    }

    /**
     * Stops the route of a source this instance leads, for a hand-back: Camel's graceful stop waits for the poll in
     * flight, then the batches still in flight commit (the lock is still held) and the producer is closed.
     */
    void stopForHandback(SourceRoute source) {
        try {
            camel.getRouteController().stopRoute(source.routeId());
        } catch (Exception e) {
            throw new IllegalStateException("source " + source.routeId() + " could not be stopped", e);
        }
        transactions.release(source.sourceId());
    }

    /** Starts a source's route again on this instance (its lock came back after a hand-back). */
    void startAfterHandback(SourceRoute source) {
        try {
            camel.getRouteController().startRoute(source.routeId());
        } catch (Exception e) {
            throw new IllegalStateException("source " + source.routeId() + " could not be started", e);
        }
    }

    public SourceStatus pause(String routeId, String by) {
        SourceRoute source = led(routeId);
        try {
            camel.getRouteController().suspendRoute(source.routeId());
        } catch (Exception e) {
            throw new IllegalStateException("source " + routeId + " could not be paused", e);
        }
        // Camel suspends a route once its exchange in flight is done: its poll has ended.
        transactions.settle(source.sourceId());
        log.info("source {} paused by {}", routeId, by);
        return status(source);
    }

    public SourceStatus resume(String routeId, String by) {
        SourceRoute source = led(routeId);
        ServiceStatus status = camel.getRouteController().getRouteStatus(source.routeId());
        if (status == ServiceStatus.Stopped && transactions.isFenced(source.sourceId())) {
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

    /**
     * The source as the cluster knows it: on its leader (and on a single instance) what this instance sees; on
     * another instance of a cluster, what the leader last reported on {@code skills.hub.source-status}.
     */
    SourceStatus status(SourceRoute source) {
        if (leadership.clustered() && !leadership.leads(source.sourceId())) {
            Optional<SourceStatus> reported = reports.reported(source.sourceId());
            if (reported.isPresent()) {
                return reported.get().seenFrom(state(source), reports.stale(reported.get()));
            }
        }
        return local(source);
    }

    private SourceStatus local(SourceRoute source) {
        Optional<Checkpoint> checkpoint = checkpoints.committed(source.sourceId());
        Instant lastPoll = tracker.lastSuccessfulPoll(source.sourceId());
        Optional<SourceTracker.Failure> failure = failure(source);
        Instant committedAt = checkpoint.map(Checkpoint::committedAt).orElse(null);
        String state = state(source, lastPoll, failure);
        return new SourceStatus(source.routeId(), source.template(), state, lastPoll,
                checkpoint.map(Checkpoint::position).orElse(Map.of()), committedAt, lagSeconds(source),
                committedAt == null ? null : Duration.between(committedAt, Instant.now()).toMillis() / 1000.0,
                checkpoint.map(Checkpoint::recordsRead).orElse(0L),
                checkpoint.map(Checkpoint::eventsPublished).orElse(0L),
                checkpoint.map(Checkpoint::recordsRejected).orElse(0L),
                circuitBreaker(source.routeId()),
                failure.map(SourceTracker.Failure::at).orElse(null),
                failure.map(f -> f.kind() + ": " + f.message()).orElse(null),
                leadership.leads(source.sourceId()) ? leadership.instanceId() : null, Instant.now(), state,
                files.originOf(source.routeId()).orElse(null),
                files.refusalOf(source.routeId()).map(SourceFiles.State::refusal).orElse(null));
    }

    private String state(SourceRoute source, Instant lastPoll, Optional<SourceTracker.Failure> failure) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(source.routeId());
        if (status == ServiceStatus.Suspended) {
            return "paused";
        }
        if (status == ServiceStatus.Stopped) {
            if (leadership.clustered() && !leadership.leads(source.sourceId())) {
                return "standby";
            }
            return transactions.isFenced(source.sourceId()) ? "fenced" : "stopped";
        }
        if (status == ServiceStatus.Started) {
            if (broker.outage().isPresent()) {
                // A poll that finds nothing to publish still succeeds; the source is failing all the same.
                return "failing";
            }
            boolean failedSinceLastPoll = failure.isPresent()
                    && (lastPoll == null || failure.get().at().isAfter(lastPoll));
            return failedSinceLastPoll ? "failing" : "running";
        }
        return status == null ? "unknown" : status.name().toLowerCase(Locale.ROOT);
    }

    /** Seconds behind the source, as its way of pulling reckons it (see {@link SourceStatus#lagSeconds()}). */
    public Double lagSeconds(SourceRoute source) {
        try {
            return registry.way(source).lagSeconds(source,
                    checkpoints.committed(source.sourceId()).orElse(Checkpoint.initial(source.sourceId())), tracker);
        } catch (RuntimeException e) {
            log.debug("source {}: lag not readable ({})", source.routeId(), e.toString());
            return null;
        }
    }

    /** The state of the route's Resilience4j circuit breaker, if it has one. */
    public String circuitBreaker(String routeId) {
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

    // ---- gauges, as sources come and go ----

    @Override
    public void added(SourceRoute source) {
        String id = source.routeId();
        gauges.put(id, List.of(
                Gauge.builder("skillshub.source.lag.seconds", this, s -> orNaN(s.lagSeconds(source)))
                        .description("how far behind the source the hub is, by way of pulling (see SourceStatus);"
                                + " 0 when caught up")
                        .tag("source", id).register(meters),
                Gauge.builder("skillshub.source.circuit.open", this, s -> circuitOpen(s.circuitBreaker(id)))
                        .description("1 while the source's circuit breaker is open, 0 while closed or half open")
                        .tag("source", id).register(meters),
                Gauge.builder("skillshub.source.paused", this, s -> "paused".equals(s.state(source)) ? 1 : 0)
                        .description("1 while an operator has paused the source").tag("source", id).register(meters),
                Gauge.builder("skillshub.source.failing", this, s -> "failing".equals(s.state(source)) ? 1 : 0)
                        .description("1 while the source's last poll failed").tag("source", id).register(meters)));
    }

    @Override
    public void removed(SourceRoute source) {
        List<Meter> registered = gauges.remove(source.routeId());
        if (registered != null) {
            registered.forEach(meters::remove);
        }
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static double circuitOpen(String state) {
        if (NOT_APPLICABLE.equals(state)) {
            return Double.NaN;
        }
        return state.contains("OPEN") && !state.contains("HALF") ? 1 : 0;
    }
}
