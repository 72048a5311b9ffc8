package cn.henan.skillshub.ops;

import cn.henan.skillshub.runtime.SourceRoute;
import cn.henan.skillshub.runtime.SourceStatus;
import cn.henan.skillshub.runtime.Sources;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code sources}: the state of every source route, for OPS (details), and always UP. A source system that
 * is down, a source that is failing, paused, stopped, fenced or on standby (another instance leads it) is the source's
 * business, shown here, in {@code GET /api/v1/sources} and in {@code skillshub_source_failing}; it never takes the
 * hub out of a load balancer, whose other sources run on. The hub is DOWN only when it cannot publish: Kafka
 * ({@link KafkaHealth}) or its own database ({@link HubDatabaseHealth}) is away.
 */
@Component("sources")
class SourcesHealth implements HealthIndicator {

    private final Sources sources;

    SourcesHealth(Sources sources) {
        this.sources = sources;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new TreeMap<>();
        Map<String, String> failing = new TreeMap<>();
        for (SourceRoute source : sources.routes()) {
            String state = sources.state(source);
            details.put(source.routeId(), state);
            if ("failing".equals(state)) {
                SourceStatus status = sources.status(source.routeId());
                failing.put(source.routeId(), reason(status));
            }
        }
        if (!failing.isEmpty()) {
            details.put("failing", failing);
        }
        return Health.up().withDetails(details).build();
    }

    /** The failure's message, without the kind the sources API puts before it (an exception's simple name). */
    private static String reason(SourceStatus status) {
        if (status == null || status.lastFailure() == null) {
            return "";
        }
        return status.lastFailure().replaceFirst("^[A-Za-z0-9_$]+: ", "");
    }
}
