package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.EventEnvelope;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventSchemas;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the three sources' topics ({@code read_committed}) and hands each fact supervision judges to
 * {@link SupervisionService}. An event that cannot be read is logged by its position and ce_id, counted, and
 * skipped: the sources checked it against its schema before publishing it.
 */
@Component
@ConditionalOnProperty(name = "skillshub.supervision.enabled", havingValue = "true", matchIfMissing = true)
class SupervisionListener {

    private static final Logger log = LoggerFactory.getLogger(SupervisionListener.class);

    static final Set<EventType> INPUTS = EnumSet.of(EventType.TRAINING_PLAN_FILED, EventType.TRAINING_ENROLLED,
            EventType.TRAINING_HOURS_RECORDED, EventType.TRAINING_COMPLETED, EventType.ASSESSMENT_RESULT_RECORDED,
            EventType.CERTIFICATE_ISSUED, EventType.CERTIFICATE_REVOKED, EventType.CE_HOURS_REGISTERED,
            EventType.CE_HOURS_CANCELLED);
    private static final Set<String> INPUT_TYPES = Set.copyOf(INPUTS.stream().map(EventType::ceType).toList());

    private final SupervisionService service;
    private final EventSchemas schemas;
    private final SupervisionMetrics metrics;

    SupervisionListener(SupervisionService service, EventSchemas schemas, SupervisionMetrics metrics) {
        this.service = service;
        this.schemas = schemas;
        this.metrics = metrics;
    }

    @KafkaListener(id = "supervision", idIsGroup = false, groupId = "${skillshub.supervision.group-id:skills-hub-supervision}",
            topics = {Topics.TRAINING, Topics.ASSESSMENT, Topics.CE_HOURS}, containerFactory = "supervisionListenerFactory")
    void onRecord(ConsumerRecord<String, byte[]> record) {
        String ceType = header(record, "ce_type");
        if (ceType == null || !INPUT_TYPES.contains(ceType)) {
            metrics.event("ignored");
            return;
        }
        try {
            CloudEvent event = EventEnvelope.fromRecord(record);
            EventType type = EventType.ofCeType(event.getType());
            JsonNode data = EventJson.mapper().readTree(event.getData() == null ? new byte[0] : event.getData().toBytes());
            if (data == null || data.isMissingNode() || !schemas.violations(type, data).isEmpty()) {
                throw new IOException("data does not match " + type.ceType());
            }
            JsonNode personKey = data.get("personKey");
            Fact fact = new Fact(event.getSource().toString(), event.getSubject(), event.getId(), type,
                    personKey == null ? null : personKey.asText(), data);
            OffsetDateTime version = event.getTime() == null ? OffsetDateTime.now(ZoneOffset.UTC) : event.getTime();
            service.apply(fact, version);
        } catch (IOException | RuntimeException e) {
            if (e instanceof org.springframework.dao.DataAccessException) {
                throw (RuntimeException) e; // the database, not the event: retried by the error handler
            }
            // Jackson's messages may quote the input: only the kind of failure is logged.
            log.warn("supervision: event {} at {}-{}@{} cannot be read ({}); skipped and counted",
                    header(record, "ce_id"), record.topic(), record.partition(), record.offset(),
                    e.getClass().getSimpleName());
            metrics.event("unreadable");
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
