package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.CertificateRevoked;
import cn.henan.skillshub.events.EventEnvelope;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventSchemas;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.settlement.SettlementService.Input;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Reads the training and assessment topics ({@code read_committed}, see {@link SettlementConfiguration}) and hands
 * the three event types the subsidy depends on to {@link SettlementService}. Other event types on these topics are
 * skipped without touching the database. An event that cannot be read is parked ({@code settlement.parked_event}),
 * logged by its ce_id and counted; the consumer goes on. The events of a poll are applied in one transaction.
 */
@Component
@ConditionalOnProperty(name = "skillshub.settlement.enabled", havingValue = "true", matchIfMissing = true)
class SettlementListener {

    private static final Logger log = LoggerFactory.getLogger(SettlementListener.class);

    private static final Set<String> INPUTS = Set.of(EventType.TRAINING_COMPLETED.ceType(),
            EventType.CERTIFICATE_ISSUED.ceType(), EventType.CERTIFICATE_REVOKED.ceType());

    private final SettlementService service;
    private final EventSchemas schemas;
    private final ReferenceData reference;
    private final ParkedEvents parked;
    private final SettlementMetrics metrics;

    SettlementListener(SettlementService service, EventSchemas schemas, ReferenceData reference, ParkedEvents parked,
                       SettlementMetrics metrics) {
        this.service = service;
        this.schemas = schemas;
        this.reference = reference;
        this.parked = parked;
        this.metrics = metrics;
    }

    @KafkaListener(id = "subsidy-settlement", idIsGroup = false, groupId = "${skillshub.settlement.group-id}",
            topics = {Topics.TRAINING, Topics.ASSESSMENT}, containerFactory = "settlementListenerFactory")
    void onRecords(List<ConsumerRecord<String, byte[]>> records) {
        // The poll's events in one ledger transaction (design decision 48). The container commits the poll's
        // offsets only when this returns, so after the ledger's commit.
        List<Indexed> inputs = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Optional<Input> input;
            try {
                input = read(records.get(i));
            } catch (RuntimeException e) {
                // Parking failed (the database is away): what was read before it is applied, and this record is
                // retried by the error handler from here on.
                apply(inputs);
                throw new BatchListenerFailedException("event could not be read or parked", e, i);
            }
            int index = i;
            input.ifPresent(in -> inputs.add(new Indexed(index, in)));
        }
        apply(inputs);
    }

    /** One record on its own, in a transaction of its own: the replay of a parked event. */
    void onRecord(ConsumerRecord<String, byte[]> record) {
        read(record).ifPresent(service::apply);
    }

    /** An event read, and its index in the poll. */
    private record Indexed(int index, Input input) {
    }

    private void apply(List<Indexed> inputs) {
        if (inputs.isEmpty()) {
            return;
        }
        if (inputs.size() > 1) {
            try {
                service.applyAll(inputs.stream().map(Indexed::input).toList());
                return;
            } catch (RuntimeException e) {
                // Nothing of the poll was written. One event's failure must not hold back the others: each is
                // applied on its own, and the first that fails alone goes to the error handler (retried, then
                // parked), the events before it committed.
                log.warn("a poll of {} events could not be applied together ({}); applied one by one", inputs.size(),
                        e.getClass().getSimpleName());
            }
        }
        for (Indexed in : inputs) {
            try {
                service.apply(in.input());
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("event could not be applied", e, in.index());
            }
        }
    }

    /** The event of a record, if it is one settlement applies; an event that cannot be read is parked. */
    private Optional<Input> read(ConsumerRecord<String, byte[]> record) {
        String ceType = header(record, "ce_type");
        if (ceType != null && !INPUTS.contains(ceType)) {
            metrics.event("ignored");
            return Optional.empty();
        }
        String ceId = header(record, "ce_id");
        CloudEvent event;
        try {
            event = EventEnvelope.fromRecord(record);
        } catch (RuntimeException e) {
            parked.park(record, ceId, ceType, ParkReason.UNREADABLE_ENVELOPE, e.getClass().getSimpleName());
            return Optional.empty();
        }
        if (!INPUTS.contains(event.getType())) {
            metrics.event("ignored");
            return Optional.empty();
        }
        EventType type = EventType.ofCeType(event.getType());
        InboundEvent inbound = new InboundEvent(event.getId(), event.getType(), record.topic(), record.partition(),
                record.offset());
        JsonNode data;
        Object value;
        try {
            data = EventJson.mapper().readTree(event.getData() == null ? new byte[0] : event.getData().toBytes());
            if (data == null || data.isMissingNode()) {
                throw new IOException("no data");
            }
        } catch (IOException e) {
            // Jackson's message quotes the input, which may be personal: only the kind of failure is logged.
            parked.park(record, inbound.ceId(), ceType, ParkReason.UNREADABLE_DATA, e.getClass().getSimpleName());
            return Optional.empty();
        }
        List<String> violations = schemas.violations(type, data);
        if (!violations.isEmpty()) {
            parked.park(record, inbound.ceId(), ceType, ParkReason.SCHEMA_VIOLATION, violations.size() + " violation(s)");
            return Optional.empty();
        }
        try {
            value = EventJson.mapper().treeToValue(data, type.dataClass());
        } catch (IOException e) {
            parked.park(record, inbound.ceId(), ceType, ParkReason.UNREADABLE_DATA, e.getClass().getSimpleName());
            return Optional.empty();
        }
        if (value instanceof TrainingCompleted c) {
            return input(record, inbound, c, c.personKey(), c.occupationCode());
        } else if (value instanceof CertificateIssued c) {
            return input(record, inbound, c, c.personKey(), c.occupationCode());
        } else if (value instanceof CertificateRevoked c) {
            return input(record, inbound, c, c.personKey(), c.occupationCode());
        }
        return Optional.empty();
    }

    private Optional<Input> input(ConsumerRecord<String, byte[]> record, InboundEvent inbound, Object value,
                                  String personKey, String occupationCode) {
        return occupation(record, inbound, occupationCode).map(code -> new Input(inbound, personKey, value, code));
    }

    /** Sources may send either edition's occupation code; the ledger joins on the plan's code. */
    private Optional<String> occupation(ConsumerRecord<String, byte[]> record, InboundEvent inbound, String code) {
        Optional<String> planCode = reference.occupation(code).map(Occupation::code);
        if (planCode.isEmpty()) {
            parked.park(record, inbound.ceId(), inbound.ceType(), ParkReason.UNKNOWN_OCCUPATION, "occupation " + code);
        }
        return planCode;
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
