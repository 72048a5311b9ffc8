package cn.henan.skillshub.settlement;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Events the service could not apply: recorded in {@code settlement.parked_event} by their position and ce_id
 * (never their payload), logged and counted, so an operator can find them, fix the cause and replay.
 */
@Component
class ParkedEvents {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    private final Ledger ledger;
    private final SettlementMetrics metrics;

    ParkedEvents(Ledger ledger, SettlementMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** @param detail what went wrong, in words that never quote the payload */
    void park(ConsumerRecord<?, ?> record, String ceId, String ceType, ParkReason reason, String detail) {
        ledger.park(record.topic(), record.partition(), record.offset(), ceId, ceType, reason.name());
        metrics.parked(reason.name());
        log.warn("event parked: {} ({}) at {}-{}@{}, ce_id {}, ce_type {}", reason, detail, record.topic(),
                record.partition(), record.offset(), ceId, ceType);
    }
}
