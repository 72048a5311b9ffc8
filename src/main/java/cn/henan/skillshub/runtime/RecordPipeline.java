package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventSchemas;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RecordRejected;
import cn.henan.skillshub.events.RejectReason;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The path every record takes, whatever way it was pulled: map, validate against the event's JSON Schema,
 * and — where either fails — a reject with its reason code, so the batch goes on and nothing is dropped.
 */
@Component
public class RecordPipeline {

    private static final Logger log = LoggerFactory.getLogger(RecordPipeline.class);

    private final EventSchemas schemas;

    public RecordPipeline(EventSchemas schemas) {
        this.schemas = schemas;
    }

    public RecordOutcome process(SourceRecord record, SourceRecordMapper mapper) {
        try {
            CanonicalEvent event = mapper.map(record);
            // Serialised once: the schema check reads the same tokens that become the record's value.
            EventJson.Serialised json = new EventJson.Serialised(event.data());
            List<String> violations = schemas.violations(event.type(), json.tree());
            if (!violations.isEmpty()) {
                return reject(record, RejectReason.SCHEMA_VIOLATION,
                        "the event breaks the schema of " + event.type().ceType() + ": " + violations, mapper);
            }
            return new RecordOutcome.Accepted(event, json.bytes());
        } catch (RecordRejectedException e) {
            return reject(record, e.reason(), e.getMessage(), mapper);
        } catch (RuntimeException e) {
            // The exception's own message may quote field values; only its kind is safe to pass on.
            log.warn("source {} at {}: mapping failed unexpectedly ({})", record.sourceId(), record.position(),
                    e.getClass().getName());
            return reject(record, RejectReason.MALFORMED_RECORD,
                    "the record could not be mapped (" + e.getClass().getSimpleName() + ")", mapper);
        }
    }

    public RecordOutcome.Rejected reject(SourceRecord record, RejectReason reason, String message) {
        return reject(record, reason, message, null);
    }

    /** A reject whose payload is masked as the source's mapper masks it (null: by field names). */
    public RecordOutcome.Rejected reject(SourceRecord record, RejectReason reason, String message,
                                         SourceRecordMapper mapper) {
        Instant now = Instant.now();
        RecordRejected rejected = new RecordRejected(record.sourceId(), record.position(), reason, message,
                mapper == null ? PersonalFields.masked(record.rawFields()) : mapper.masked(record.rawFields()), now);
        CanonicalEvent event = new CanonicalEvent(EventType.RECORD_REJECTED,
                CanonicalEvent.idOf(record.sourceSystem(), "rejected/" + record.sourceId(), record.position()),
                record.sourceSystem(), record.sourceId() + "/" + record.position(),
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC), record.sourceId(), rejected);
        return new RecordOutcome.Rejected(event);
    }
}
