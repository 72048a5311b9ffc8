package cn.henan.skillshub.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * CloudEvents 1.0 over Kafka, binary mode: the value is the canonical JSON, the attributes travel as
 * {@code ce_*} headers. Read with the CloudEvents SDK, as subscribers can read it too. Written by hand, header by
 * header in the SDK's order and form: the SDK's writer builds a CloudEvent and visits its attributes through maps
 * for every record, a tenth of the hub's work per record in the benchmark's profile. {@code EventEnvelopeTests}
 * proves the two write the same record.
 */
public final class EventEnvelope {

    static final String JSON = "application/json";
    // URI.create parses its string on every call: each source system's and each schema's URI is parsed once.
    // Sources are the few configured source systems; the cap keeps the map small whatever happens.
    private static final int MAX_CACHED_SOURCES = 1000;
    private static final Map<String, URI> SOURCES = new ConcurrentHashMap<>();
    /** Where the schemas are served until {@link #serveSchemasAt} says otherwise: the local run's hub. */
    public static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";
    private static volatile DataSchemas dataSchemas = DataSchemas.at(DEFAULT_PUBLIC_URL);

    private static final Header SPEC_VERSION = header("ce_specversion", "1.0");
    private static final Header CONTENT_TYPE = header("content-type", JSON);
    private static final Map<EventType, Header> TYPE_HEADERS = new EnumMap<>(EventType.class);
    private static final Map<String, Header> SOURCE_HEADERS = new ConcurrentHashMap<>();

    static {
        for (EventType type : EventType.values()) {
            TYPE_HEADERS.put(type, header("ce_type", type.ceType()));
        }
    }

    /** The absolute {@code ce_dataschema} of every type, and its header, under one public URL of the hub. */
    private record DataSchemas(String publicUrl, Map<EventType, URI> uris, Map<EventType, Header> headers) {

        static DataSchemas at(String publicUrl) {
            URI base = URI.create(publicUrl);
            if (!base.isAbsolute() || base.getHost() == null) {
                throw new IllegalArgumentException("the hub's public URL must be absolute (http[s]://host[:port]), "
                        + "was '" + publicUrl + "'");
            }
            String stripped = publicUrl.replaceAll("/+$", "");
            Map<EventType, URI> uris = new EnumMap<>(EventType.class);
            Map<EventType, Header> headers = new EnumMap<>(EventType.class);
            for (EventType type : EventType.values()) {
                URI uri = URI.create(stripped + type.dataSchema());
                uris.put(type, uri);
                headers.put(type, header("ce_dataschema", uri.toString()));
            }
            return new DataSchemas(stripped, uris, headers);
        }
    }

    private EventEnvelope() {
    }

    /**
     * Makes every {@code ce_dataschema} from now on an absolute URL under the hub's public URL
     * ({@code skillshub.public-url}), where {@code SubscriberContract} serves the schemas.
     */
    public static void serveSchemasAt(String publicUrl) {
        dataSchemas = DataSchemas.at(publicUrl);
    }

    /** The absolute {@code ce_dataschema} of {@code type}. */
    public static URI dataSchemaOf(EventType type) {
        return dataSchemas.uris().get(type);
    }

    public static ProducerRecord<String, byte[]> toRecord(CanonicalEvent event) {
        return toRecord(event, serialise(event.data()));
    }

    /**
     * The record of an event whose data is already serialised ({@link #serialise}): {@code json} is the value.
     * Headers as the SDK's binary-mode writer adds them: specversion, id, source, type, content type, data schema,
     * subject, time (RFC 3339).
     */
    public static ProducerRecord<String, byte[]> toRecord(CanonicalEvent event, byte[] json) {
        EventType type = event.type();
        List<Header> headers = new ArrayList<>(8);
        headers.add(SPEC_VERSION);
        headers.add(header("ce_id", Objects.requireNonNull(event.id(), "ce_id")));
        headers.add(sourceHeader(event.source()));
        headers.add(TYPE_HEADERS.get(type));
        headers.add(CONTENT_TYPE);
        headers.add(dataSchemas.headers().get(type));
        if (event.subject() != null) {
            headers.add(header("ce_subject", event.subject()));
        }
        if (event.time() != null) {
            headers.add(header("ce_time", Rfc3339.of(event.time())));
        }
        return new ProducerRecord<>(type.topic(), null, null, event.key(), json, headers);
    }

    /** The same record through the CloudEvents SDK's own writer: the reference {@link #toRecord} is held to. */
    static ProducerRecord<String, byte[]> toRecordWithSdk(CanonicalEvent event) {
        return KafkaMessageFactory.createWriter(event.type().topic(), null, null, event.key())
                .writeBinary(toCloudEvent(event));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Header values are never changed once sent: one header per source system serves all its records. */
    private static Header sourceHeader(String source) {
        Header header = SOURCE_HEADERS.get(source);
        if (header == null) {
            header = header("ce_source", sourceUri(source).toString());
            if (SOURCE_HEADERS.size() < MAX_CACHED_SOURCES) {
                SOURCE_HEADERS.put(source, header);
            }
        }
        return header;
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
                .withDataSchema(dataSchemaOf(event.type()))
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

    /** The canonical JSON of event data, as the value of its Kafka record. */
    public static byte[] serialise(Object data) {
        try {
            return EventJson.mapper().writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data of " + data.getClass().getSimpleName() + " cannot be serialised", e);
        }
    }
}
