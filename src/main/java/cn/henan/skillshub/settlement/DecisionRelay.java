package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.runtime.OutboxRelay;
import cn.henan.skillshub.runtime.SourceLeadership;
import cn.henan.skillshub.runtime.SourceTransactions;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes the ledger's decision table — the outbox — to {@code skills.subsidy.decisions.v1} through the runtime's
 * {@link OutboxRelay}: each batch of decisions and the last decision id in one Kafka transaction, under the
 * transactional id of source {@value #SOURCE_ID}, so every decision is published exactly once.
 */
@Component
@ConditionalOnProperty(name = "skillshub.settlement.enabled", havingValue = "true", matchIfMissing = true)
class DecisionRelay {

    static final String SOURCE_ID = "subsidy-decisions";
    static final String CE_SOURCE = "/services/subsidy-settlement";

    private final OutboxRelay relay;

    DecisionRelay(Ledger ledger, SourceTransactions publisher, SourceLeadership leadership,
                  @Value("${skillshub.settlement.relay.interval-ms:200}") long intervalMs,
                  @Value("${skillshub.settlement.relay.batch-size:500}") int batchSize) {
        this.relay = new OutboxRelay(SOURCE_ID, "lastDecisionId", "decision",
                (after, limit) -> ledger.decisionsAfter(after, limit).stream()
                        .map(row -> new OutboxRelay.Row(row.decisionId(), event(row.event(), row.round()))).toList(),
                publisher, leadership, intervalMs, batchSize);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        relay.start();
    }

    /**
     * The decision as a CloudEvent. Its id is derived from the claim's enrolment and the kind of decision, which a
     * claim has at most once each in each round: a ledger rebuilt from the same events yields the same ids. A claim
     * opened again (round 1, 2, …: a reference version cleared its rejection) gets new ids for its new decisions.
     */
    static CanonicalEvent event(SubsidyDecided d, int round) {
        String subject = "claim/" + d.enrolmentNo();
        String kind = round == 0 ? d.decision().name() : d.decision().name() + "/" + round;
        return new CanonicalEvent(EventType.SUBSIDY_DECIDED, CanonicalEvent.idOf(CE_SOURCE, subject, kind),
                CE_SOURCE, subject, d.decidedAt(), d.personKey(), d);
    }

    @PreDestroy
    void stop() {
        relay.stop();
    }
}
