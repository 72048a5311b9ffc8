package cn.henan.skillshub.sources.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.runtime.SourceTracker;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.sftp.CsvEncoding;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv.BadLine;
import cn.henan.skillshub.simulator.sftp.InboxWriter;
import cn.henan.skillshub.simulator.sftp.SftpSimulatorServer;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The SFTP file drop end to end: CSV files dropped into the inbox of the SFTP simulator (MINA SSHD in this JVM) →
 * the {@code sftp-file-drop} route of {@code routes/evaluation-body-sftp.yaml} → Kafka, read back as a
 * {@code read_committed} subscriber. Each test names its files and records with its own tag.
 */
@HubIntegrationTest
class SftpFileDropIntegrationTests {

    private static final String SOURCE = "evaluation-sftp.miit-cee";
    private static final String INBOX = "miit-cee/inbox";
    private static final String BODY = "工业和信息化部教育与考试中心";

    @Autowired
    InboxWriter writer;
    @Autowired
    SftpSimulatorServer server;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    SourceTracker metrics;
    @Autowired
    ReferenceData reference;
    @Autowired
    CamelContext camel;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${skillshub.simulator.sftp.password}")
    String sftpPassword;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyLineOfADroppedFileBecomesOneEventOrOneRejectAndEventsValidateAgainstTheirSchemas() throws IOException {
        EvaluationBodyCsv csv = csv("F1E2E", 0.2);
        InboxWriter.DroppedFile dropped = writer.dropGenerated(INBOX, "F1E2E-results.csv", CsvEncoding.UTF8, csv,
                160, true);
        awaitProcessed(INBOX, dropped.name());

        EvaluationBodyCsv.Counts expected = dropped.counts();
        List<ConsumerRecord<String, byte[]>> events = eventsTagged("F1E2E");
        List<ConsumerRecord<String, byte[]>> rejects = rejectsOf(dropped.name());
        Map<EventType, Long> byType = events.stream().collect(Collectors.groupingBy(
                r -> EventType.ofCeType(header(r, "ce_type")), () -> new EnumMap<>(EventType.class),
                Collectors.counting()));
        expected.events().forEach((type, n) -> assertThat(byType.get(type)).as(type.ceType()).isEqualTo(n.longValue()));
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        for (ConsumerRecord<String, byte[]> reject : rejects) {
            byReason.merge(RejectReason.valueOf(json.readTree(reject.value()).get("reasonCode").asText()), 1L, Long::sum);
        }
        expected.rejects().forEach((reason, n) -> assertThat(byReason.get(reason)).as(reason.name()).isEqualTo(n.longValue()));
        assertThat(expected.totalRejects()).isGreaterThan(10);
        // Lines in = events + rejects; no event twice.
        assertThat(events.size() + rejects.size()).isEqualTo(expected.lines()).isEqualTo(160);
        assertThat(events.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(events.size());

        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> schemas = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(events);
        all.addAll(rejects);
        for (ConsumerRecord<String, byte[]> record : all) {
            String type = header(record, "ce_type");
            assertThat(header(record, "ce_source")).isEqualTo("/sources/evaluation-bodies/miit-cee");
            JsonSchema schema = schemas.computeIfAbsent(type, t -> factory.getSchema(readJson(Path.of("kafka/schemas", t + ".json"))));
            assertThat(schema.validate(json.readTree(record.value()))).as(type).isEmpty();
        }
        assertThat(InboxWriter.filesEndingWith(writer.inbox(INBOX), dropped.name())).isEmpty();
        assertThat(InboxWriter.filesEndingWith(writer.inbox(INBOX), dropped.name() + ".done")).isEmpty();
    }

    @Test
    void aGbkFileWithChineseNamesArrivesCorrectlyDecoded() throws IOException {
        EvaluationBodyCsv csv = csv("F2GBK", 0);
        String badId = csv.badLine(BadLine.INVALID_ID_NUMBER);
        List<String> lines = new ArrayList<>(List.of(EvaluationBodyCsv.header(), csv.goodLine(), badId));
        for (int i = 0; i < 6; i++) {
            lines.add(csv.goodLine());
        }
        Path file = writer.dropLines(INBOX, "F2GBK-成绩.csv", CsvEncoding.GBK, lines, true);
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).doesNotContain(BODY);
        awaitProcessed(INBOX, "F2GBK-成绩.csv");

        List<ConsumerRecord<String, byte[]>> events = eventsTagged("F2GBK");
        assertThat(events).hasSize(7);
        for (ConsumerRecord<String, byte[]> event : events) {
            assertThat(json.readTree(event.value()).get("evaluationBody").asText()).isEqualTo(BODY);
        }
        List<ConsumerRecord<String, byte[]>> rejects = rejectsOf("F2GBK-成绩.csv");
        assertThat(rejects).hasSize(1);
        JsonNode reject = json.readTree(rejects.get(0).value());
        String fullName = fields(badId).get(3);
        assertThat(reject.get("reasonCode").asText()).isEqualTo("INVALID_ID_NUMBER");
        assertThat(reject.get("position").asText()).startsWith("F2GBK-成绩.csv#sha256=").endsWith("#line=3");
        assertThat(reject.get("record").get("full_name").asText())
                .isEqualTo(fullName.charAt(0) + "*".repeat(fullName.length() - 1));
        assertThat(reject.get("record").get("evaluation_body").asText()).isEqualTo(BODY);
    }

    @Test
    void aUtf8FileWithAByteOrderMarkIsRead() throws IOException {
        EvaluationBodyCsv csv = csv("F3BOM", 0);
        InboxWriter.DroppedFile dropped = writer.dropGenerated(INBOX, "F3BOM.csv", CsvEncoding.UTF8_BOM, csv, 30, true);
        assertThat(Files.readAllBytes(dropped.path())[0]).isEqualTo((byte) 0xEF);
        awaitProcessed(INBOX, dropped.name());
        List<ConsumerRecord<String, byte[]>> events = eventsTagged("F3BOM");
        assertThat(events).hasSize(30);
        assertThat(json.readTree(events.get(0).value()).get("evaluationBody").asText()).isEqualTo(BODY);
        assertThat(rejectsOf(dropped.name())).isEmpty();
        assertThat(InboxWriter.filesEndingWith(writer.failed(INBOX), dropped.name())).isEmpty();
    }

    @Test
    void aBadLineIsARejectNamingFileAndLineAndTheRestOfTheFileGoesOn() throws IOException {
        EvaluationBodyCsv csv = csv("F4BAD", 0);
        List<String> lines = List.of(EvaluationBodyCsv.header(), csv.goodLine(),
                csv.badLine(BadLine.WRONG_FIELD_COUNT), csv.goodLine(), csv.badLine(BadLine.UNTERMINATED_QUOTE),
                csv.goodLine(), csv.badLine(BadLine.SCORE_OUT_OF_RANGE), csv.badLine(BadLine.UNKNOWN_OCCUPATION),
                csv.goodLine());
        writer.dropLines(INBOX, "F4BAD.csv", CsvEncoding.UTF8, lines, true);
        awaitProcessed(INBOX, "F4BAD.csv");

        assertThat(eventsTagged("F4BAD")).hasSize(4);
        Map<String, JsonNode> rejectsByLine = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : rejectsOf("F4BAD.csv")) {
            JsonNode reject = json.readTree(record.value());
            String position = reject.get("position").asText();
            rejectsByLine.put(position.substring(position.lastIndexOf("#line=") + 6), reject);
            assertThat(position).startsWith("F4BAD.csv#sha256=");
        }
        assertThat(rejectsByLine.keySet()).containsExactlyInAnyOrder("3", "5", "7", "8");
        assertThat(rejectsByLine.get("3").get("message").asText()).contains("F4BAD.csv", "line 3", "16 fields");
        assertThat(rejectsByLine.get("5").get("message").asText()).contains("F4BAD.csv", "line 5", "not valid CSV");
        assertThat(rejectsByLine.get("7").get("reasonCode").asText()).isEqualTo("MALFORMED_RECORD");
        assertThat(rejectsByLine.get("8").get("reasonCode").asText()).isEqualTo("UNKNOWN_OCCUPATION");
        // The shifted line's values are masked wherever they stand: no ID number in clear.
        String idOfLine3 = fields(lines.get(2)).get(2);
        assertThat(rejectsByLine.get("3").toString()).doesNotContain(idOfLine3)
                .contains(idOfLine3.substring(0, 3) + "***********" + idOfLine3.substring(14));
    }

    @Test
    void theSameFileDroppedTwiceIsPublishedOnce() throws IOException {
        EvaluationBodyCsv csv = csv("F5TWICE", 0.1);
        InboxWriter.DroppedFile first = writer.dropGenerated(INBOX, "F5TWICE-a.csv", CsvEncoding.UTF8, csv, 40, true);
        awaitProcessed(INBOX, first.name());
        int events = eventsTagged("F5TWICE").size();
        int rejects = rejectsOf(first.name()).size();
        assertThat(events + rejects).isEqualTo(40);

        byte[] same = Files.readAllBytes(InboxWriter.filesEndingWith(writer.processed(INBOX), "-" + first.name()).get(0));
        writer.dropBytes(INBOX, "F5TWICE-b.csv", same, true);
        awaitProcessed(INBOX, "F5TWICE-b.csv");
        writer.dropBytes(INBOX, first.name(), same, true);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                InboxWriter.filesEndingWith(writer.processed(INBOX), "-" + first.name()).size() == 2);

        assertThat(eventsTagged("F5TWICE")).hasSize(events);
        assertThat(rejectsOf(first.name())).hasSize(rejects);
        assertThat(rejectsOf("F5TWICE-b.csv")).isEmpty();
        String published = checkpoints.committed(SOURCE).orElseThrow().position().get(FilePosition.PUBLISHED);
        assertThat(published).contains(sha256(same));
    }

    @Test
    void aFileThatCannotBeReadAtAllGoesToFailedWithOneReject() throws IOException {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0x21, 0x5c, 0, 0, 0, 0, 1, 2, 3};
        writer.dropBytes(INBOX, "F6ZIP.csv", zip, true);
        writer.dropBytes(INBOX, "F6CUT.csv", "record_type,record_i".getBytes(StandardCharsets.UTF_8), true);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                InboxWriter.filesEndingWith(writer.failed(INBOX), "-F6ZIP.csv").size() == 1
                        && InboxWriter.filesEndingWith(writer.failed(INBOX), "-F6CUT.csv").size() == 1);
        assertThat(InboxWriter.filesEndingWith(writer.inbox(INBOX), "F6ZIP.csv")).isEmpty();
        assertThat(InboxWriter.filesEndingWith(writer.processed(INBOX), "F6ZIP.csv")).isEmpty();

        JsonNode zipReject = json.readTree(await().atMost(Duration.ofSeconds(10))
                .until(() -> rejectsOf("F6ZIP.csv"), r -> r.size() == 1).get(0).value());
        assertThat(zipReject.get("position").asText()).endsWith("#line=0");
        assertThat(zipReject.get("message").asText()).contains("F6ZIP.csv", "cannot be read", "binary");
        JsonNode cutReject = json.readTree(rejectsOf("F6CUT.csv").get(0).value());
        assertThat(cutReject.get("message").asText()).contains("lacks the columns");
    }

    @Test
    void aFileIsNotTakenUntilItsDoneMarkerArrives() throws IOException {
        EvaluationBodyCsv csv = csv("F7WAIT", 0);
        InboxWriter.DroppedFile dropped = writer.dropGenerated(INBOX, "F7WAIT.csv", CsvEncoding.UTF8, csv, 10, false);
        long polls = metrics.polls(SOURCE);
        await().atMost(Duration.ofSeconds(30)).until(() -> metrics.polls(SOURCE) >= polls + 4);
        assertThat(Files.exists(dropped.path())).isTrue();
        assertThat(eventsTagged("F7WAIT")).isEmpty();

        writer.markDone(INBOX, dropped.name());
        awaitProcessed(INBOX, dropped.name());
        assertThat(eventsTagged("F7WAIT")).hasSize(10);
    }

    @Test
    void withStableSizeAFileStillGrowingIsNotTakenAndKeyAuthenticationWorks() throws Exception {
        Path privateKey = clientKey();
        addRoute("evaluation-sftp.test-stable", "stable/inbox", Map.of("completion", "stable-size",
                "stableForMs", "1500", "password", "", "privateKeyFile", privateKey.toString()));
        EvaluationBodyCsv csv = csv("F8GROW", 0);
        Path file = writer.dropLines("stable/inbox", "F8GROW.csv", CsvEncoding.GBK,
                List.of(EvaluationBodyCsv.header(), csv.goodLine()), false);
        // The body's upload goes on: a line every 300 ms, 12 more lines — well inside the 1.5 s of stability.
        AtomicInteger appended = new AtomicInteger();
        ScheduledExecutorService upload = Executors.newSingleThreadScheduledExecutor();
        try {
            upload.scheduleAtFixedRate(() -> {
                if (appended.get() < 12) {
                    writer.append(file, csv.goodLine().getBytes(CsvEncoding.GBK.charset()));
                    appended.incrementAndGet();
                }
            }, 300, 300, TimeUnit.MILLISECONDS);
            awaitProcessed("stable/inbox", "F8GROW.csv");
        } finally {
            upload.shutdownNow();
        }
        assertThat(appended.get()).isEqualTo(12);
        assertThat(eventsTagged("F8GROW")).hasSize(13);
        assertThat(InboxWriter.filesEndingWith(writer.processed("stable/inbox"), "-F8GROW.csv")).hasSize(1);
    }

    @Test
    void aCrashInTheMiddleOfABigFileResumesAfterTheLastCommittedLineWithoutDuplicates() throws IOException {
        SourceRecordMapper real = camel.getRegistry().lookupByNameAndType("evaluationBodyRecordMapper",
                SourceRecordMapper.class);
        Map<String, Integer> mapped = new ConcurrentHashMap<>();
        AtomicBoolean crashed = new AtomicBoolean();
        camel.getRegistry().bind("crashOnceMapper", SourceRecordMapper.class, (SourceRecordMapper) record -> {
            String line = record.position().substring(record.position().lastIndexOf('=') + 1);
            mapped.merge(line, 1, Integer::sum);
            // Line 42 opens the third batch of 20 (lines 2..21, 22..41, 42..61). A batch is mapped on all cores,
            // so which of its other lines were mapped before the crash is left open; line 42 itself always was.
            if (line.equals("42") && crashed.compareAndSet(false, true)) {
                throw new SimulatedCrash();
            }
            return real.map(record);
        });
        addRoute("evaluation-sftp.test-crash", "crash/inbox", Map.of("mapper", "crashOnceMapper", "batchSize", "20"));
        InboxWriter.DroppedFile dropped = writer.dropGenerated("crash/inbox", "F9CRASH.csv", CsvEncoding.UTF8,
                csv("F9CRASH", 0), 100, true);
        awaitProcessed("crash/inbox", dropped.name());

        assertThat(crashed).isTrue();
        List<ConsumerRecord<String, byte[]>> events = eventsTagged("F9CRASH");
        assertThat(events).hasSize(100);
        assertThat(events.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(100);
        // Lines 2..41 were committed in two batches before the crash (the second one possibly still in flight when
        // it happened) and never read again; the crashed batch was read again from line 42.
        assertThat(mapped.get("2")).isEqualTo(1);
        assertThat(mapped.get("41")).isEqualTo(1);
        assertThat(mapped.get("42")).isEqualTo(2);
        assertThat(mapped.get("101")).isEqualTo(1);
        Map<String, String> position = checkpoints.committed("evaluation-sftp.test-crash").orElseThrow().position();
        assertThat(position).containsEntry(FilePosition.STATE, "done").containsEntry(FilePosition.LINE, "101");
        assertThat(position.keySet()).noneMatch(k -> k.startsWith(FilePosition.OPEN));
        assertThat(checkpoints.committed("evaluation-sftp.test-crash").orElseThrow().recordsRead()).isEqualTo(100);
    }

    @Test
    void anotherBodyDeliveringBySftpIsOneMoreYamlFileAndNoCode(@TempDir Path routes) throws Exception {
        // The file an operator would add to routes/: the same template, another body's folder and credentials.
        Path yaml = routes.resolve("evaluation-body-sftp-cie.yaml");
        Files.writeString(yaml, """
                - templatedRoute:
                    routeTemplateRef: sftp-file-drop
                    routeId: evaluation-sftp.cie-test
                    parameters:
                      - name: sourceId
                        value: evaluation-sftp.cie-test
                      - name: sourceSystem
                        value: /sources/evaluation-bodies/cie
                      - name: host
                        value: "{{skillshub.sources.evaluation-sftp.host}}"
                      - name: port
                        value: "{{skillshub.sources.evaluation-sftp.port}}"
                      - name: username
                        value: "{{skillshub.sources.evaluation-sftp.username}}"
                      - name: password
                        value: "{{skillshub.sources.evaluation-sftp.password}}"
                      - name: knownHostsFile
                        value: "{{skillshub.sources.evaluation-sftp.known-hosts}}"
                      - name: directory
                        value: cie/inbox
                      - name: charset
                        value: GBK
                      - name: pollIntervalMs
                        value: "300"
                      - name: mapper
                        value: evaluationBodyRecordMapper
                """);
        writer.inbox("cie/inbox");
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + yaml));

        EvaluationBodyCsv csv = new EvaluationBodyCsv(3, "F10CIE", "中国电子学会",
                reference.occupations().stream().map(Occupation::code).toList(), 0);
        InboxWriter.DroppedFile dropped = writer.dropGenerated("cie/inbox", "F10CIE.csv", CsvEncoding.GBK, csv, 12, true);
        awaitProcessed("cie/inbox", dropped.name());
        List<ConsumerRecord<String, byte[]>> events = eventsTagged("F10CIE");
        assertThat(events).hasSize(12);
        assertThat(events).allSatisfy(e -> assertThat(header(e, "ce_source")).isEqualTo("/sources/evaluation-bodies/cie"));
        assertThat(json.readTree(events.get(0).value()).get("evaluationBody").asText()).isEqualTo("中国电子学会");
    }

    /** A failure no mapper survives: as if the process died while the batch was being read. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash in the middle of a file", null, false, false);
        }
    }

    private void addRoute(String sourceId, String directory, Map<String, String> overrides) throws IOException {
        writer.inbox(directory);
        Map<String, String> parameters = new HashMap<>(Map.of("sourceId", sourceId,
                "sourceSystem", "/sources/evaluation-bodies/test", "host", "127.0.0.1",
                "port", Integer.toString(server.port()), "username", server.username(), "password", sftpPassword,
                "knownHostsFile", server.knownHostsFile().toString(), "directory", directory,
                "requiredColumns", "record_type,record_id", "pollIntervalMs", "300"));
        // A mapper bean instead of a declared mapping: a body that needs real code stays possible.
        parameters.put("mapper", "evaluationBodyRecordMapper");
        parameters.putAll(overrides);
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, "sftp-file-drop").routeId(sourceId);
        parameters.forEach(builder::parameter);
        builder.add();
    }

    private Path clientKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Path file = Files.createTempFile("sftp-client-key", "");
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test client", null, out);
        }
        server.authorize(pair.getPublic());
        return file;
    }

    private EvaluationBodyCsv csv(String tag, double badShare) {
        return new EvaluationBodyCsv(tag.hashCode(), tag, BODY,
                reference.occupations().stream().map(Occupation::code).toList(), badShare);
    }

    private void awaitProcessed(String inbox, String fileName) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                !InboxWriter.filesEndingWith(writer.processed(inbox), "-" + fileName).isEmpty()
                        && !Files.exists(writer.inbox(inbox).resolve(fileName)));
    }

    private List<ConsumerRecord<String, byte[]>> eventsTagged(String tag) {
        return new TopicReader(bootstrapServers).readAll(Topics.ASSESSMENT).stream()
                .filter(r -> header(r, "ce_subject").contains(tag)).toList();
    }

    private List<ConsumerRecord<String, byte[]>> rejectsOf(String fileName) {
        return new TopicReader(bootstrapServers).readAll(Topics.REJECTED).stream()
                .filter(r -> readTree(r.value()).get("position").asText().startsWith(fileName + "#sha256=")).toList();
    }

    private static List<String> fields(String csvLine) throws IOException {
        List<String> values = new ArrayList<>();
        CSVFormat.RFC4180.parse(new StringReader(csvLine)).getRecords().get(0).forEach(values::add);
        return values;
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private JsonNode readTree(byte[] value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readJson(Path path) {
        try {
            return json.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
