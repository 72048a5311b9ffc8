package cn.henan.skillshub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kafka/asyncapi.yaml} held to the rest of the contract: {@code kafka/topics.yaml} (what the hub creates),
 * {@link Topics}, {@link EventType} and its records' schemas in {@code kafka/schemas/}, and the consumer groups the
 * hub uses. Each failure says what to add, and where, as YAML to paste.
 */
class AsyncApiContractTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonNode asyncApi;
    private static JsonNode topics;

    @BeforeAll
    static void read() throws IOException {
        asyncApi = YAML.readTree(Path.of("kafka/asyncapi.yaml").toFile());
        topics = YAML.readTree(Path.of("kafka/topics.yaml").toFile()).get("topics");
    }

    @Test
    void itIsAnAsyncApi3DocumentWhoseReferencesResolve() {
        assertThat(asyncApi.path("asyncapi").asText()).startsWith("3.");
        List<String> unresolved = new ArrayList<>();
        references(asyncApi, unresolved);
        assertThat(unresolved).as("references in kafka/asyncapi.yaml that point at nothing").isEmpty();
    }

    @Test
    void everyTopicOfTopicsYamlIsAChannelWithItsPartitionsRetentionAndCompaction() {
        List<String> missing = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        for (JsonNode topic : topics) {
            String name = topic.get("name").asText();
            declared.add(name);
            JsonNode channel = asyncApi.path("channels").path(name);
            JsonNode binding = channel.path("bindings").path("kafka");
            JsonNode config = binding.path("topicConfiguration");
            boolean agrees = channel.path("address").asText().equals(name)
                    && binding.path("topic").asText().equals(name)
                    && binding.path("partitions").asInt(-1) == topic.get("partitions").asInt()
                    && config.path("cleanup.policy").equals(YAML.createArrayNode().add(cleanupPolicy(topic)))
                    && java.util.Objects.equals(retention(topic),
                            config.has("retention.ms") ? config.get("retention.ms").asText() : null);
            if (!agrees) {
                missing.add(channelYaml(topic));
            }
        }
        assertThat(missing).as("kafka/asyncapi.yaml does not describe these topics of kafka/topics.yaml as they are. "
                + "Put under 'channels:' (or correct what is there to):%n%s%nand list the topic's messages, with "
                + "a 'send' operation (and a 'receive' one for each of the hub's consumer groups) under "
                + "'operations:'", String.join("\n", missing)).isEmpty();
        Set<String> channels = new TreeSet<>();
        asyncApi.path("channels").fieldNames().forEachRemaining(channels::add);
        channels.removeAll(declared);
        assertThat(channels).as("channels of kafka/asyncapi.yaml with no topic in kafka/topics.yaml: add the topic "
                + "there (the hub creates it) or drop the channel").isEmpty();
    }

    @Test
    void topicsYamlAndTheTopicsClassNameTheSameTopics() throws IllegalAccessException {
        Set<String> constants = new TreeSet<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants.add((String) field.get(null));
            }
        }
        Set<String> declared = new TreeSet<>();
        topics.forEach(t -> declared.add(t.get("name").asText()));
        assertThat(declared).as("kafka/topics.yaml and the constants of events/Topics.java").isEqualTo(constants);
    }

    @Test
    void everyEventTypeIsAMessageOfItsTopicsChannelWithItsSchema() {
        List<String> missing = new ArrayList<>();
        for (EventType type : EventType.values()) {
            JsonNode message = asyncApi.path("components").path("messages").path(type.ceType());
            boolean agrees = message.path("payload").path("$ref").asText().equals("./schemas/" + type.ceType() + ".json")
                    && ceTypeOf(message).equals(type.ceType())
                    && message.path("bindings").path("kafka").has("key")
                    && asyncApi.path("channels").path(type.topic()).path("messages").path(type.ceType()).path("$ref")
                            .asText().equals("#/components/messages/" + type.ceType());
            if (!agrees) {
                missing.add(messageYaml(type));
            }
        }
        assertThat(missing).as("kafka/asyncapi.yaml lacks (or has wrong) messages of these event types. Add:%n%s",
                String.join("\n", missing)).isEmpty();
    }

    @Test
    void everyCloudEventsMessageAndEverySchemaFileIsOfAnEventType() throws IOException {
        Set<String> ceTypes = new TreeSet<>();
        Stream.of(EventType.values()).forEach(t -> ceTypes.add(t.ceType()));
        List<String> stale = new ArrayList<>();
        asyncApi.path("components").path("messages").fields().forEachRemaining(e -> {
            String ceType = ceTypeOf(e.getValue());
            if (!ceType.isEmpty() && !ceTypes.contains(ceType)) {
                stale.add("components.messages." + e.getKey() + " (ce_type " + ceType + ")");
            }
        });
        try (Stream<Path> files = Files.list(Path.of("kafka/schemas"))) {
            files.filter(f -> f.toString().endsWith(".json")).map(f -> f.getFileName().toString())
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .filter(n -> !ceTypes.contains(n)).forEach(n -> stale.add("kafka/schemas/" + n + ".json"));
        }
        assertThat(stale).as("no EventType has these ce_types: add the type to events/EventType.java (docs/events.md"
                + "#add-an-event-type) or drop them").isEmpty();
    }

    @Test
    void everyConsumerGroupOfTheHubIsAReceiveOperation() throws IOException {
        Map<String, String> groups = hubConsumerGroups();
        Set<String> documented = new TreeSet<>();
        asyncApi.path("operations").forEach(op -> {
            if (op.path("action").asText().equals("receive")) {
                op.path("bindings").path("kafka").path("groupId").path("enum").forEach(g -> documented.add(g.asText()));
            }
        });
        List<String> missing = new ArrayList<>();
        groups.forEach((group, where) -> {
            if (!documented.contains(group)) {
                missing.add("  <operationId>:      # " + where + "\n    action: receive\n    channel:\n"
                        + "      $ref: '#/channels/<topic it reads>'\n    bindings:\n      kafka:\n        groupId:\n"
                        + "          type: string\n          enum: [" + group + "]\n        bindingVersion: '0.5.0'");
            }
        });
        assertThat(missing).as("the hub consumes in groups kafka/asyncapi.yaml does not name. Add under "
                + "'operations:' (one per topic the group reads):%n%s", String.join("\n", missing)).isEmpty();
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(groups.keySet());
        assertThat(stale).as("receive operations of kafka/asyncapi.yaml name groups the hub does not use").isEmpty();
    }

    /**
     * The hub's consumer groups and where each is set: a {@code ...group-id} setting's default in the properties or
     * the code, and each delivery route's group ({@code routes/*.yaml}, parameter {@code groupId}).
     */
    static Map<String, String> hubConsumerGroups() throws IOException {
        Pattern setting = Pattern.compile("group-id(?:=\\$\\{[A-Z0-9_]+:|:|=)(skills-hub-[a-z0-9-]+)");
        // A templatedRoute's parameter: "- name: groupId" and, on the next line, "value: <group>".
        Pattern route = Pattern.compile("^\\s*-\\s*name:\\s*groupId\\s*\\n\\s*value:\\s*['\"]?([a-z0-9.-]+)['\"]?\\s*$",
                Pattern.MULTILINE);
        Map<String, String> groups = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        files.add(Path.of("src/main/resources/application.properties"));
        try (Stream<Path> java = Files.walk(Path.of("src/main/java"))) {
            java.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
        }
        for (Path file : files) {
            Matcher m = setting.matcher(Files.readString(file));
            while (m.find()) {
                groups.putIfAbsent(m.group(1), file.toString());
            }
        }
        if (Files.isDirectory(Path.of("routes"))) {
            try (Stream<Path> yaml = Files.list(Path.of("routes"))) {
                for (Path file : yaml.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    Matcher m = route.matcher(Files.readString(file));
                    while (m.find()) {
                        groups.putIfAbsent(m.group(1), file.toString());
                    }
                }
            }
        }
        return groups;
    }

    private static String ceTypeOf(JsonNode message) {
        for (JsonNode part : message.path("headers").path("allOf")) {
            JsonNode ceType = part.path("properties").path("ce_type").path("const");
            if (ceType.isTextual()) {
                return ceType.asText();
            }
        }
        return "";
    }

    private static String cleanupPolicy(JsonNode topic) {
        return topic.path("config").path("cleanup.policy").asText("delete");
    }

    private static String retention(JsonNode topic) {
        JsonNode retention = topic.path("config").path("retention.ms");
        return retention.isMissingNode() ? null : retention.asText();
    }

    private static String channelYaml(JsonNode topic) {
        String name = topic.get("name").asText();
        String retention = retention(topic);
        return "  " + name + ":\n    address: " + name + "\n    title: <a few words>\n    description: "
                + topic.path("description").asText() + "\n    messages:\n      <ce_type>:\n"
                + "        $ref: '#/components/messages/<ce_type>'\n    bindings:\n      kafka:\n        topic: " + name
                + "\n        partitions: " + topic.get("partitions").asInt() + "\n        topicConfiguration:\n"
                + "          cleanup.policy: [" + cleanupPolicy(topic) + "]\n"
                + (retention == null ? "" : "          retention.ms: " + retention + "\n")
                + "        bindingVersion: '0.5.0'";
    }

    private static String messageYaml(EventType type) {
        String ce = type.ceType();
        return "under 'channels: " + type.topic() + ": messages:'\n      " + ce + ":\n        $ref: '#/components/messages/"
                + ce + "'\nand under 'components: messages:'\n    " + ce + ":\n      name: " + ce + "\n      title: " + ce
                + "\n      summary: <the schema's description>\n      contentType: application/json\n      headers:\n"
                + "        allOf:\n          - $ref: '#/components/schemas/CloudEventsHeaders'\n          - type: object\n"
                + "            properties:\n              ce_type:\n                const: " + ce + "\n"
                + "      payload:\n        $ref: './schemas/" + ce + ".json'\n      bindings:\n        kafka:\n"
                + "          key:\n            $ref: '#/components/schemas/PersonKey'   # or the key the type has\n"
                + "          bindingVersion: '0.5.0'";
    }

    private static void references(JsonNode node, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = ref.asText();
                boolean resolves = target.startsWith("#/")
                        ? !asyncApi.at(target.substring(1).replace("~1", "/")).isMissingNode()
                        : Files.isRegularFile(Path.of("kafka").resolve(target).normalize());
                if (!resolves) {
                    unresolved.add(target);
                }
            }
            node.forEach(child -> references(child, unresolved));
        } else if (node.isArray()) {
            node.forEach(child -> references(child, unresolved));
        }
    }
}
