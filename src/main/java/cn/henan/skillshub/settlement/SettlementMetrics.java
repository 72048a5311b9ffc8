package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.SubsidyDecided.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Figures for operators: input events by outcome ({@code applied}, {@code duplicate}, {@code ignored},
 * {@code parked}) and decisions by kind. Tagged by outcome and kind only, never by anything personal.
 */
@Component
class SettlementMetrics {

    private final MeterRegistry registry;

    SettlementMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void event(String outcome) {
        Counter.builder("skillshub.settlement.events").tag("outcome", outcome).register(registry).increment();
    }

    void parked(String reason) {
        Counter.builder("skillshub.settlement.events").tag("outcome", "parked").register(registry).increment();
        Counter.builder("skillshub.settlement.events.parked").tag("reason", reason).register(registry).increment();
    }

    void decision(Decision decision) {
        Counter.builder("skillshub.settlement.decisions").tag("decision", decision.name()).register(registry)
                .increment();
    }

    double events(String outcome) {
        Counter counter = registry.find("skillshub.settlement.events").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
