import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A subscriber of skills-hub, whole: reads a topic with read_committed, reads each record as a CloudEvent in binary
 * mode with the CloudEvents SDK, validates its data against the schema its ce_dataschema names (fetched from the hub,
 * once per schema), skips an event whose ce_id it has already handled, and commits its offsets after handling.
 *
 * <pre>
 * java -cp kafka-clients.jar:cloudevents-kafka.jar:...:json-schema-validator.jar SkillsEventsConsumer.java \
 *      127.0.0.1:9092 skills.training.v1 my-team-training [idle-seconds]
 * </pre>
 *
 * The set of handled ids lives in memory here. A real subscriber keeps it in its own database and writes the id in
 * the same transaction as the effect of the event ({@code if (log.alreadyProcessed(id)) return; ... log.processed(id)}),
 * so that a redelivery after a crash is skipped, not applied twice.
 */
public class SkillsEventsConsumer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().proxy(ProxySelector.getDefault())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<URI, JsonSchema> schemaCache = new HashMap<>();
    private final Set<String> handled = new LinkedHashSet<>();
    private int valid;
    private int invalid;
    private int duplicates;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SkillsEventsConsumer <bootstrap servers> <topic> <group id> [idle seconds]");
            System.exit(2);
        }
        int idleSeconds = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
        new SkillsEventsConsumer().run(args[0], args[1], args[2], idleSeconds);
    }

    void run(String bootstrapServers, String topic, String groupId, int idleSeconds) throws Exception {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        // The hub writes in transactions: never see a batch it aborted.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Commit only what has been handled.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long idleSince = System.nanoTime();
        try (KafkaConsumer<String, CloudEvent> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() - idleSince < Duration.ofSeconds(idleSeconds).toNanos()) {
                ConsumerRecords<String, CloudEvent> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    if (consumer.assignment().isEmpty()) {
                        idleSince = System.nanoTime(); // still joining the group: not idle yet
                    }
                    continue;
                }
                for (ConsumerRecord<String, CloudEvent> record : records) {
                    handle(record.value());
                }
                consumer.commitSync();
                idleSince = System.nanoTime();
            }
        }
        System.out.printf("summary: valid %d, invalid %d, duplicates %d%n", valid, invalid, duplicates);
    }

    private void handle(CloudEvent event) throws Exception {
        if (!handled.add(event.getId())) {
            duplicates++;
            System.out.printf("duplicate %s %s%n", event.getType(), event.getId());
            return;
        }
        JsonNode data = JSON.readTree(event.getData().toBytes());
        List<String> violations = schemaOf(event.getDataSchema()).validate(data).stream()
                .map(ValidationMessage::getMessage).sorted().toList();
        if (!violations.isEmpty()) {
            invalid++;
            System.out.printf("invalid %s %s: %s%n", event.getType(), event.getId(), violations);
            return;
        }
        valid++;
        System.out.printf("valid %s %s subject %s%n", event.getType(), event.getId(), event.getSubject());
    }

    /** The schema at ce_dataschema, fetched once: the hub serves every schema it names. */
    private JsonSchema schemaOf(URI dataSchema) throws Exception {
        JsonSchema schema = schemaCache.get(dataSchema);
        if (schema == null) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(dataSchema).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(dataSchema + " answered " + response.statusCode());
            }
            schema = schemas.getSchema(JSON.readTree(response.body()));
            schemaCache.put(dataSchema, schema);
        }
        return schema;
    }
}
