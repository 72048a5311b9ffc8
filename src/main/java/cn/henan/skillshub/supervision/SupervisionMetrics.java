package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.SupervisionFinding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code skillshub_supervision_events_total{outcome}} (applied, duplicate, ignored, unreadable, stale),
 * {@code skillshub_supervision_findings_total{rule,status}} and
 * {@code skillshub_supervision_unresolved_total{kind}}: facts that name a certificate or a person the hub has no
 * other fact of — counted, kept, and judged again when the missing fact arrives.
 */
@Component
class SupervisionMetrics {

    private final MeterRegistry registry;

    SupervisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void event(String outcome) {
        Counter.builder("skillshub.supervision.events").tag("outcome", outcome).register(registry).increment();
    }

    void finding(SupervisionFinding finding) {
        Counter.builder("skillshub.supervision.findings").tag("rule", finding.rule().name())
                .tag("status", finding.status().name()).register(registry).increment();
    }

    void unresolved(String kind, long count) {
        if (count > 0) {
            Counter.builder("skillshub.supervision.unresolved").tag("kind", kind).register(registry).increment(count);
        }
    }
}
