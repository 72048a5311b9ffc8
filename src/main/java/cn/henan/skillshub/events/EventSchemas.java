package cn.henan.skillshub.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The JSON Schemas in {@code kafka/schemas/}, one per event type — the published contract. The hub checks its own
 * output against them, so an event that breaks the contract is rejected at the hub, not discovered downstream.
 */
@Component
public class EventSchemas {

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    public EventSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .regularExpressionFactory(FixedLengthPatterns.INSTANCE).build();
        for (EventType type : EventType.values()) {
            String path = "kafka/schemas/" + type.ceType() + ".json";
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("no JSON Schema for " + type.ceType() + " at " + path);
                }
                schemas.put(type, factory.getSchema(EventJson.mapper().readTree(in), config));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }

    /** The violations of {@code data} against the schema of {@code type}; empty when it conforms. */
    public List<String> violations(EventType type, JsonNode data) {
        Set<ValidationMessage> messages = schemas.get(type).validate(data);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    public List<String> violations(EventType type, Object data) {
        return violations(type, EventJson.mapper().valueToTree(data));
    }
}
