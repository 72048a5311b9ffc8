package cn.henan.skillshub.events;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.support.HubIntegrationTest;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The consumer example of docs/events.md, compiled and run as a subscriber would: {@code docs/examples/
 * SkillsEventsConsumer.java} in its own JVM against the embedded broker and the hub's served schemas, and the
 * documented kcat line. Events as the hub writes them, on a topic of this test's own: three, one of them twice
 * (the same ce_id), one that breaks its schema, and one in an aborted transaction.
 */
@HubIntegrationTest
class ConsumerExampleTests {

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @TempDir
    Path classes;

    private final String topic = "example.ce-hours." + UUID.randomUUID();
    private final List<String> ids = new ArrayList<>();
    private String abortedId;

    @BeforeEach
    void publish() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("transactional.id", "consumer-example-" + topic);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 1; i <= 3; i++) {
                ProducerRecord<String, byte[]> record = cancelled("R" + i, 2025);
                ids.add(id(record));
                producer.send(record);
            }
            producer.send(cancelled("R1", 2025));
            producer.send(cancelled("R-bad-year", 1900));
            producer.commitTransaction();
            producer.beginTransaction();
            ProducerRecord<String, byte[]> aborted = cancelled("R-aborted", 2025);
            abortedId = id(aborted);
            producer.send(aborted);
            producer.flush();
            producer.abortTransaction();
        }
    }

    @Test
    void theJavaExampleReadsCommittedEventsValidatesThemAgainstTheServedSchemaAndSkipsDuplicates() throws Exception {
        compile(Path.of("docs/examples/SkillsEventsConsumer.java"));
        List<String> out = runExample("example-group-" + topic);

        for (String id : ids) {
            assertThat(out).containsOnlyOnce("valid skills.ce-hours.cancelled.v1 " + id + " subject registration/"
                    + "R" + (ids.indexOf(id) + 1));
        }
        assertThat(out).contains("duplicate skills.ce-hours.cancelled.v1 " + ids.get(0));
        assertThat(out).anyMatch(l -> l.startsWith("invalid skills.ce-hours.cancelled.v1 ") && l.contains("year"));
        assertThat(out).noneMatch(l -> l.contains(abortedId));
        assertThat(out).contains("summary: valid 3, invalid 1, duplicates 1");

        // It committed what it handled: the same group again has nothing left to read.
        assertThat(runExample("example-group-" + topic)).containsExactly("summary: valid 0, invalid 0, duplicates 0");
    }

    @Test
    void theKcatLineShowsTheCommittedEventsWithTheirHeaders() throws Exception {
        Process kcat = new ProcessBuilder("kcat", "-C", "-b", bootstrapServers, "-t", topic,
                "-X", "isolation.level=read_committed", "-o", "beginning", "-e", "-q",
                "-f", "%k %h\\n%s\\n").redirectErrorStream(true).start();
        assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("ce_type=skills.ce-hours.cancelled.v1", "ce_id=" + ids.get(1),
                "ce_dataschema=http://127.0.0.1:" + port + "/schemas/skills.ce-hours.cancelled.v1.json",
                "\"registrationId\":\"R3\"").doesNotContain(abortedId);
    }

    /**
     * An event exactly as the hub writes it, its ce_dataschema under this test's server (as the hub writes it when
     * skillshub.public-url is this server), so the example fetches the schema from the hub.
     */
    private ProducerRecord<String, byte[]> cancelled(String registrationId, int year) {
        String personKey = "pk-" + "0123456789abcdef".repeat(2);
        CanonicalEvent event = new CanonicalEvent(EventType.CE_HOURS_CANCELLED,
                CanonicalEvent.idOf("/sources/ce-hours-registry", "registration/" + registrationId, "v1"),
                "/sources/ce-hours-registry", "registration/" + registrationId,
                OffsetDateTime.parse("2025-06-01T08:00:00Z"), personKey,
                new CeHoursCancelled(registrationId, personKey, year, LocalDate.of(2025, 6, 1), "withdrawn"));
        ProducerRecord<String, byte[]> record = EventEnvelope.toRecord(event);
        URI dataSchema = URI.create(header(record, "ce_dataschema"));
        record.headers().remove("ce_dataschema");
        record.headers().add(new RecordHeader("ce_dataschema", ("http://127.0.0.1:" + port + dataSchema.getPath())
                .getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
    }

    private static String id(ProducerRecord<String, byte[]> record) {
        return header(record, "ce_id");
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private void compile(Path source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-classpath", classpath(),
                "-Xlint:all", "-Werror", source.toString());
        assertThat(rc).as("docs/examples/SkillsEventsConsumer.java compiles against the subscriber's libraries")
                .isZero();
    }

    private List<String> runExample(String group) throws IOException, InterruptedException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(javaBin.toString(), "-cp", classes + File.pathSeparator + classpath(),
                "SkillsEventsConsumer", bootstrapServers, topic, group, "8")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        // The example's own lines; the Kafka client's logging (the test classpath's logback) goes to stdout too.
        return out.lines().filter(l -> l.matches("^(valid|invalid|duplicate|summary:) .*")).toList();
    }

    /** The test's classpath, the manifest-only jar of surefire expanded into the jars it names. */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            if (entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest manifest = jar.getManifest();
                    String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (classPath != null) {
                        for (String url : classPath.trim().split("\\s+")) {
                            entries.add(Path.of(URI.create(url)).toString());
                        }
                    }
                } catch (IOException | IllegalArgumentException e) {
                    // not a jar with a manifest: the entry itself is enough
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
