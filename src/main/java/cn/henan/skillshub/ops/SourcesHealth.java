package cn.henan.skillshub.ops;

import cn.henan.skillshub.runtime.SourceRoute;
import cn.henan.skillshub.runtime.Sources;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health {@code sources}: every source route is started (running or failing) or deliberately paused, or — in a
 * cluster — on standby while another instance leads it. A stopped or fenced route makes it DOWN: this instance no
 * longer pulls that source. Part of readiness. A failing source stays UP here — the fault is the source system's — and shows in the details and in the metrics.
 */
@Component("sources")
class SourcesHealth extends AbstractHealthIndicator {

    private static final Set<String> UP_STATES = Set.of("running", "failing", "paused", "starting", "resuming",
            "standby");

    private final Sources sources;

    SourcesHealth(Sources sources) {
        super("source routes not readable");
        this.sources = sources;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        List<SourceRoute> all = sources.routes();
        Map<String, String> states = all.stream().collect(Collectors.toMap(SourceRoute::routeId,
                s -> sources.state(s), (a, b) -> a, java.util.TreeMap::new));
        boolean up = states.values().stream().allMatch(UP_STATES::contains);
        (up ? health.up() : health.down()).withDetails(Map.copyOf(states));
    }
}
