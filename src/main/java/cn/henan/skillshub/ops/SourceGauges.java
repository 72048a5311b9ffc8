package cn.henan.skillshub.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The per-source gauges that {@code publishing.SourceMetrics} does not keep (it counts what is published; these
 * say how the source stands), registered as soon as Camel has made the source's route:
 * {@code skillshub.source.lag.seconds}, {@code skillshub.source.circuit.open} (1 open, 0 closed or half open,
 * absent value where the route has no breaker), {@code skillshub.source.paused} and
 * {@code skillshub.source.failing}.
 */
@Component
class SourceGauges {

    private static final Logger log = LoggerFactory.getLogger(SourceGauges.class);

    private final MeterRegistry registry;
    private final SourceRoutes routes;
    private final SourceOperations sources;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService discovery = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "source-gauges");
        thread.setDaemon(true);
        return thread;
    });

    SourceGauges(MeterRegistry registry, SourceRoutes routes, SourceOperations sources) {
        this.registry = registry;
        this.routes = routes;
        this.sources = sources;
    }

    /**
     * Camel makes the routes of {@code routes/} while it starts, after this bean exists, and a route may be added
     * later: every few seconds, each source not yet seen gets its gauges.
     */
    @PostConstruct
    void start() {
        discovery.scheduleWithFixedDelay(this::registerNew, 1, 5, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        discovery.shutdownNow();
    }

    void registerNew() {
        try {
            for (SourceRoute source : routes.all()) {
                if (registered.add(source.routeId())) {
                    register(source);
                    log.debug("gauges registered for source {}", source.routeId());
                }
            }
        } catch (RuntimeException e) {
            log.debug("source gauges not registered yet ({})", e.toString());
        }
    }

    private void register(SourceRoute source) {
        String id = source.routeId();
        Gauge.builder("skillshub.source.lag.seconds", sources, s -> orNaN(s.lagSeconds(source)))
                .description("how far behind the source the hub is, by way of pulling (see SourceStatus); 0 when caught up")
                .tag("source", id).register(registry);
        Gauge.builder("skillshub.source.circuit.open", sources, s -> circuitOpen(s.circuitBreaker(id)))
                .description("1 while the source's circuit breaker is open, 0 while closed or half open")
                .tag("source", id).register(registry);
        Gauge.builder("skillshub.source.paused", sources, s -> "paused".equals(s.state(source)) ? 1 : 0)
                .description("1 while an operator has paused the source").tag("source", id).register(registry);
        Gauge.builder("skillshub.source.failing", sources, s -> "failing".equals(s.state(source)) ? 1 : 0)
                .description("1 while the source's last poll failed").tag("source", id).register(registry);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static double circuitOpen(String state) {
        if (SourceOperations.NOT_APPLICABLE.equals(state)) {
            return Double.NaN;
        }
        return state.contains("OPEN") && !state.contains("HALF") ? 1 : 0;
    }
}
