package cn.henan.skillshub.sources.rest;

import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.support.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** What a {@code read_committed} subscriber sees of one test's records, told apart by the test's tag. */
public final class PublishedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TopicReader reader;

    public PublishedEvents(String bootstrapServers) {
        this.reader = new TopicReader(bootstrapServers);
    }

    public List<ConsumerRecord<String, byte[]>> tagged(String topic, String tag) {
        return reader.readAll(topic).stream().filter(r -> header(r, "ce_subject").contains(tag)
                || new String(r.value(), StandardCharsets.UTF_8).contains(tag)).toList();
    }

    public static Map<EventType, Integer> byType(List<ConsumerRecord<String, byte[]>> records) {
        Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        records.forEach(r -> counts.merge(EventType.ofCeType(header(r, "ce_type")), 1, Integer::sum));
        return counts;
    }

    public static Map<RejectReason, Integer> byReason(List<ConsumerRecord<String, byte[]>> rejects) {
        Map<RejectReason, Integer> counts = new EnumMap<>(RejectReason.class);
        rejects.forEach(r -> counts.merge(RejectReason.valueOf(json(r).get("reasonCode").asText()), 1, Integer::sum));
        return counts;
    }

    public static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Violations of the record's schema in kafka/schemas, as a subscriber would check them. */
    public static Set<ValidationMessage> schemaViolations(ConsumerRecord<String, byte[]> record) {
        try {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                    JSON.readTree(Files.readString(Path.of("kafka/schemas", header(record, "ce_type") + ".json"))));
            return schema.validate(json(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
