package cn.henan.skillshub.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * CloudEvents 1.0 over Kafka, binary mode: the value is the canonical JSON, the attributes travel as
 * {@code ce_*} headers. Written and read with the CloudEvents SDK so subscribers can use it too.
 */
public final class EventEnvelope {

    static final String JSON = "application/json";
    // URI.create parses its string on every call: each source system's and each schema's URI is parsed once.
    // Sources are the few configured source systems; the cap keeps the map small whatever happens.
    private static final int MAX_CACHED_SOURCES = 1000;
    private static final Map<String, URI> SOURCES = new ConcurrentHashMap<>();
    private static final Map<EventType, URI> DATA_SCHEMAS = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            DATA_SCHEMAS.put(type, URI.create(type.dataSchema()));
        }
    }

    private EventEnvelope() {
    }

    public static ProducerRecord<String, byte[]> toRecord(CanonicalEvent event) {
        return KafkaMessageFactory.createWriter(event.type().topic(), null, null, event.key())
                .writeBinary(toCloudEvent(event));
    }

    /**
     * The record of an event whose data was already turned into the JSON tree its schema check read: the value is
     * written from that tree — the same JSON, without serialising the data object a second time.
     */
    public static ProducerRecord<String, byte[]> toRecord(CanonicalEvent event, JsonNode data) {
        return KafkaMessageFactory.createWriter(event.type().topic(), null, null, event.key())
                .writeBinary(toCloudEvent(event, serialise(data)));
    }

    public static CloudEvent toCloudEvent(CanonicalEvent event) {
        return toCloudEvent(event, serialise(event.data()));
    }

    private static CloudEvent toCloudEvent(CanonicalEvent event, byte[] data) {
        return CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(sourceUri(event.source()))
                .withType(event.type().ceType())
                .withTime(event.time())
                .withSubject(event.subject())
                .withDataSchema(DATA_SCHEMAS.get(event.type()))
                .withDataContentType(JSON)
                .withData(data)
                .build();
    }

    private static URI sourceUri(String source) {
        URI uri = SOURCES.get(source);
        if (uri == null) {
            uri = URI.create(source);
            if (SOURCES.size() < MAX_CACHED_SOURCES) {
                SOURCES.put(source, uri);
            }
        }
        return uri;
    }

    public static CloudEvent fromRecord(ConsumerRecord<String, byte[]> record) {
        MessageReader reader = KafkaMessageFactory.createReader(record);
        return reader.toEvent();
    }

    private static byte[] serialise(Object data) {
        try {
            return EventJson.mapper().writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data of " + data.getClass().getSimpleName() + " cannot be serialised", e);
        }
    }
}
