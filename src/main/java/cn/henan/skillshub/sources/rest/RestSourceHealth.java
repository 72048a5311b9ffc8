package cn.henan.skillshub.sources.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What went wrong with each REST source, for operators (metrics tagged by source) and tests: polls that failed
 * after their retries, and polls the circuit breaker did not let through while it was open.
 */
@Component
public class RestSourceHealth {

    private final MeterRegistry registry;
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

    RestSourceHealth(MeterRegistry registry) {
        this.registry = registry;
    }

    void failed(String sourceId, String reason) {
        lastFailure.put(sourceId, reason);
        counter("skillshub.source.rest.polls.failed", sourceId).increment();
    }

    void shortCircuited(String sourceId) {
        counter("skillshub.source.rest.polls.short-circuited", sourceId).increment();
    }

    public long failedPolls(String sourceId) {
        return (long) counter("skillshub.source.rest.polls.failed", sourceId).count();
    }

    /** Polls not sent because the source's circuit breaker was open. */
    public long shortCircuitedPolls(String sourceId) {
        return (long) counter("skillshub.source.rest.polls.short-circuited", sourceId).count();
    }

    public String lastFailure(String sourceId) {
        return lastFailure.get(sourceId);
    }

    private Counter counter(String name, String sourceId) {
        return Counter.builder(name).tag("source", sourceId).register(registry);
    }
}
