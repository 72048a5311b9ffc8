package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.SupervisionFinding;
import cn.henan.skillshub.runtime.OutboxRelay;
import cn.henan.skillshub.runtime.SourceLeadership;
import cn.henan.skillshub.runtime.SourceTransactions;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes the findings' outbox to {@code skills.supervision.findings.v1} through the runtime's
 * {@link OutboxRelay}: each batch and the position after it in one Kafka transaction (source {@value #SOURCE_ID}),
 * so every change of a finding is published exactly once. The Kafka key is the finding's person key.
 */
@Component
@ConditionalOnProperty(name = "skillshub.supervision.enabled", havingValue = "true", matchIfMissing = true)
class FindingRelay {

    static final String SOURCE_ID = "supervision-findings";
    private static final int BATCH = 500;

    private final OutboxRelay relay;

    FindingRelay(Findings findings, SourceTransactions publisher, SourceLeadership leadership,
                 SupervisionSettings settings) {
        this.relay = new OutboxRelay(SOURCE_ID, "lastFindingEventId", "finding",
                (after, limit) -> findings.after(after, limit).stream()
                        .map(row -> new OutboxRelay.Row(row.eventId(), event(row.finding()))).toList(),
                publisher, leadership, settings.relayIntervalMs(), BATCH);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        relay.start();
    }

    /** The finding as a CloudEvent: its id from the finding's id and revision, the same on every re-run. */
    static CanonicalEvent event(SupervisionFinding f) {
        String subject = "finding/" + f.findingId();
        return new CanonicalEvent(EventType.SUPERVISION_FINDING,
                CanonicalEvent.idOf(Found.CE_SOURCE, subject, Integer.toString(f.revision())), Found.CE_SOURCE,
                subject, f.foundAt(), f.personKey(), f);
    }

    @PreDestroy
    void stop() {
        relay.stop();
    }
}
