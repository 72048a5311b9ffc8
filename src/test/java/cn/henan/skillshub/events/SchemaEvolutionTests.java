package cn.henan.skillshub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every published schema in {@code kafka/schemas/} against its last released copy in {@code kafka/released-schemas/}
 * (docs/events.md, "Schema evolution"): an incompatible change fails here and is made a new type ({@code .v2}).
 */
class SchemaEvolutionTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMAS = Path.of("kafka/schemas");
    private static final Path RELEASED = Path.of("kafka/released-schemas");

    static Stream<String> releasedTypes() throws IOException {
        try (Stream<Path> files = Files.list(RELEASED)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("releasedTypes")
    void aPublishedSchemaChangesOnlyCompatiblyFromItsReleasedCopy(String ceType) {
        Path current = SCHEMAS.resolve(ceType + ".json");
        assertThat(current).as("%s was released (kafka/released-schemas/%s.json) and is still published until its "
                + "end of life: keep kafka/schemas/%s.json (docs/events.md#schema-evolution)", ceType, ceType, ceType)
                .exists();
        List<String> problems = SchemaCompatibility.problems(read(RELEASED.resolve(ceType + ".json")), read(current));
        assertThat(problems).as("kafka/schemas/%s.json is not compatible with its released copy. Undo the change, "
                + "or publish the change as a new type %s with its own schema and keep %s as it was "
                + "(docs/events.md#schema-evolution)", ceType, nextVersion(ceType), ceType)
                .isEmpty();
    }

    private static String nextVersion(String ceType) {
        int v = ceType.lastIndexOf(".v");
        return ceType.substring(0, v) + ".v" + (Integer.parseInt(ceType.substring(v + 2)) + 1);
    }

    @Test
    void everyReleasedCopyIsOfAnEventType() throws IOException {
        List<String> types = Stream.of(EventType.values()).map(EventType::ceType).toList();
        assertThat(releasedTypes().toList()).as("kafka/released-schemas/ holds copies of released event types only")
                .allMatch(types::contains);
    }

    // ---- the check itself, on a released schema changed on purpose ----

    private static final String ENROLLED = "skills.training.enrolled.v1";

    @Test
    void aRemovedFieldIsIncompatible() {
        assertThat(problemsAfter(s -> {
            props(s).remove("planNo");
            required(s).removeIf(r -> r.asText().equals("planNo"));
        })).anyMatch(p -> p.contains("$.planNo: field removed or renamed"));
    }

    @Test
    void aRenamedFieldIsIncompatible() {
        assertThat(problemsAfter(s -> props(s).set("planNumber", props(s).remove("planNo"))))
                .anyMatch(p -> p.contains("$.planNo: field removed or renamed"));
    }

    @Test
    void aNarrowedTypeIsIncompatible() {
        assertThat(problemsAfter(s -> ((ObjectNode) props(s).get("institutionCityCode")).put("maxLength", 4)))
                .containsExactly("$.institutionCityCode: maxLength 4 added (a narrowed type)");
        assertThat(problemsAfter(s -> ((ObjectNode) props(s).get("enrolmentNo")).put("type", "integer")))
                .anyMatch(p -> p.contains("$.enrolmentNo: type narrowed, no longer [string]"));
        assertThat(problemsAfter(s -> ((ObjectNode) props(s).get("birthMonth")).put("pattern", "^\\d{4}-0\\d$")))
                .anyMatch(p -> p.startsWith("$.birthMonth: pattern changed"));
    }

    @Test
    void aNarrowedEnumIsIncompatible() {
        assertThat(problemsAfter(s -> ((ArrayNode) props(s).get("level").get("enum")).remove(2)))
                .containsExactly("$.level: enum narrowed, no longer [\"SENIOR\"]");
        assertThat(problemsAfter(s -> ((ArrayNode) props(s).get("complianceFlags").get("items").get("enum")).remove(0)))
                .containsExactly("$.complianceFlags[]: enum narrowed, no longer [\"ONLINE_HOURS_OVER_HALF\"]");
    }

    @Test
    void aNewRequiredFieldIsIncompatible() {
        assertThat(problemsAfter(s -> {
            props(s).putObject("trainerName").put("type", "string");
            required(s).add("trainerName");
        })).containsExactly("$.trainerName: new required field");
        assertThat(problemsAfter(s -> required(s).add("institutionCityCode")))
                .containsExactly("$.institutionCityCode: field newly required");
    }

    @Test
    void closingAnOpenObjectIsIncompatible() {
        ObjectNode open = read(SCHEMAS.resolve(ENROLLED + ".json"));
        ObjectNode closed = open.deepCopy().put("additionalProperties", false);
        assertThat(SchemaCompatibility.problems(open, closed))
                .containsExactly("$: closed (additionalProperties: false) where unknown fields were allowed");
    }

    @Test
    void anOptionalFieldAnEnumValueAWiderTypeOrAnOpenedObjectIsCompatible() {
        assertThat(problemsAfter(s -> {
            props(s).putObject("trainerName").put("type", "string");
            ((ArrayNode) props(s).get("level").get("enum")).add("EXPERT");
            ((ObjectNode) props(s).get("enrolmentNo")).remove("minLength");
            ((ObjectNode) props(s).get("classNo")).putArray("type").add("string").add("null");
            s.remove("additionalProperties");
        })).isEmpty();
    }

    @Test
    void aKeywordTheCheckDoesNotKnowFailsUntilItLearnsIt() {
        assertThat(problemsAfter(s -> ((ObjectNode) props(s).get("sex")).putArray("oneOf")))
                .containsExactly("$.sex: 'oneOf' changed, and this check cannot tell whether that is compatible");
    }

    private static List<String> problemsAfter(Consumer<ObjectNode> change) {
        ObjectNode released = read(RELEASED.resolve(ENROLLED + ".json"));
        ObjectNode changed = released.deepCopy();
        change.accept(changed);
        return SchemaCompatibility.problems(released, changed);
    }

    private static ObjectNode props(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    private static ArrayNode required(ObjectNode schema) {
        return (ArrayNode) schema.get("required");
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
