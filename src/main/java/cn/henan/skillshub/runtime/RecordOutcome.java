package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventEnvelope;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What became of one source record: an event to publish, or a reject for the DLQ (itself an event). */
public sealed interface RecordOutcome {

    CanonicalEvent event();

    /** The Kafka record of the event: CloudEvents envelope, canonical JSON value. */
    default ProducerRecord<String, byte[]> toRecord() {
        return EventEnvelope.toRecord(event());
    }

    /**
     * An event that passed its schema.
     *
     * @param validatedJson the event's data serialised, exactly the bytes the schema check read, or {@code null};
     *                      when present it is the record's value, so the data is not serialised a second time
     */
    record Accepted(CanonicalEvent event, byte[] validatedJson) implements RecordOutcome {

        public Accepted(CanonicalEvent event) {
            this(event, null);
        }

        @Override
        public ProducerRecord<String, byte[]> toRecord() {
            return validatedJson == null ? EventEnvelope.toRecord(event) : EventEnvelope.toRecord(event, validatedJson);
        }
    }

    record Rejected(CanonicalEvent event) implements RecordOutcome {
    }
}
