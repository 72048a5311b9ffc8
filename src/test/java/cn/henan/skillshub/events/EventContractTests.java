package cn.henan.skillshub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One event type = one Java record + one JSON Schema + one ce_type, and the three agree. */
class EventContractTests {

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theRecordTheSchemaAndTheCeTypeAgree(EventType type) throws IOException {
        JsonNode schema = json.readTree(Files.readString(Path.of("kafka/schemas", type.ceType() + ".json")));
        assertThat(schema.get("title").asText()).isEqualTo(type.ceType());
        assertThat(schema.get("$id").asText()).isEqualTo(type.dataSchema());
        assertThat(schema.path("additionalProperties").asBoolean(true))
                .as("published schemas are open: a consumer ignores fields it does not know (decision 34)").isTrue();

        Set<String> recordFields = Arrays.stream(type.dataClass().getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toSet());
        Set<String> schemaFields = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(schemaFields::add);
        assertThat(schemaFields).isEqualTo(recordFields);
        Set<String> required = StreamSupport.stream(schema.get("required").spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.toSet());
        assertThat(recordFields).containsAll(required);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theHubLoadsEverySchema(EventType type) {
        EventSchemas schemas = new EventSchemas();
        assertThat(schemas.violations(type, json.createObjectNode())).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void eventIdsAreDeterministicPerSourceRecordAndVersion() {
        String id = CanonicalEvent.idOf("/sources/realname-training", "enrolment/BM1", "2025-06-01T08:00:00Z");
        assertThat(CanonicalEvent.idOf("/sources/realname-training", "enrolment/BM1", "2025-06-01T08:00:00Z"))
                .isEqualTo(id);
        assertThat(CanonicalEvent.idOf("/sources/realname-training", "enrolment/BM1", "2025-06-02T08:00:00Z"))
                .isNotEqualTo(id);
        assertThat(CanonicalEvent.idOf("/sources/realname-training", "enrolment/BM2", "2025-06-01T08:00:00Z"))
                .isNotEqualTo(id);
    }
}
