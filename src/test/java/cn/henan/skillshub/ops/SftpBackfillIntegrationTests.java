package cn.henan.skillshub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.sftp.CsvEncoding;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv.BadLine;
import cn.henan.skillshub.simulator.sftp.InboxWriter;
import cn.henan.skillshub.simulator.sftp.SftpSimulatorServer;
import cn.henan.skillshub.sources.rest.PublishedEvents;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Backfill of an {@code sftp-file-drop} source against the SFTP simulator and the real broker: the published files
 * in {@code processed/} are read again, and the lines whose {@code updated_at} falls in the window come again with
 * the same {@code ce_id}s — events and rejects — while a duplicate file the live route skipped stays skipped and
 * the live checkpoint does not move.
 */
@HubIntegrationTest
class SftpBackfillIntegrationTests {

    private static final String SOURCE = "evaluation-sftp.test-backfill";
    private static final String INBOX = "backfill/inbox";

    @Autowired
    InboxWriter writer;
    @Autowired
    SftpSimulatorServer server;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    ReferenceData reference;
    @Autowired
    CamelContext camel;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${skillshub.simulator.sftp.password}")
    String sftpPassword;
    @LocalServerPort
    int port;

    @Test
    void aBackfillRepublishesTheWindowsLinesOfProcessedFilesWithTheSameCeIds() throws Exception {
        addRoute();
        EvaluationBodyCsv csv = new EvaluationBodyCsv(11, "SBFL", "工业和信息化部教育与考试中心",
                reference.occupations().stream().map(Occupation::code).toList(), 0);
        List<String> lines = new ArrayList<>(List.of(EvaluationBodyCsv.header()));
        for (int i = 0; i < 12; i++) {
            lines.add(csv.goodLine());
        }
        lines.add(csv.badLine(BadLine.INVALID_ID_NUMBER));
        for (int i = 0; i < 12; i++) {
            lines.add(csv.goodLine());
        }
        lines.add(csv.badLine(BadLine.UNKNOWN_OCCUPATION));
        lines.add(csv.badLine(BadLine.WRONG_FIELD_COUNT));
        for (int i = 0; i < 6; i++) {
            lines.add(csv.goodLine());
        }
        writer.dropLines(INBOX, "SBFL-a.csv", CsvEncoding.GBK, lines, true);
        awaitProcessed("SBFL-a.csv");
        // The same bytes under another name: skipped by the live route as a duplicate, and so by the backfill.
        byte[] same = Files.readAllBytes(InboxWriter.filesEndingWith(writer.processed(INBOX), "-SBFL-a.csv").get(0));
        writer.dropBytes(INBOX, "SBFL-copy.csv", same, true);
        awaitProcessed("SBFL-copy.csv");

        PublishedEvents published = new PublishedEvents(bootstrapServers);
        Map<String, Instant> liveVersions = versions(published);
        assertThat(liveVersions).hasSize(33);
        List<Instant> times = liveVersions.values().stream().filter(t -> t != null).sorted().toList();
        Instant from = times.get(3);
        Instant to = times.get(20);
        Set<String> inWindow = liveVersions.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBefore(from) && e.getValue().isBefore(to))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(inWindow).hasSize(17);
        Checkpoint liveBefore = checkpoints.committed(SOURCE).orElseThrow();

        HttpResponse<String> response = new HubApi(port).post("/api/v1/sources/" + SOURCE + "/backfill",
                TestApiKeys.OPS, "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = HubApi.json(response);
        assertThat(result.get("publishedAs").asText()).isEqualTo(SOURCE + ".backfill");
        assertThat(result.get("recordsRead").asLong()).isEqualTo(inWindow.size());
        assertThat(result.get("recordsRejected").asLong()).isEqualTo(1);
        Map<String, Long> counts = ceIdCounts(published);
        assertThat(counts.keySet()).isEqualTo(liveVersions.keySet());
        counts.forEach((id, count) -> assertThat(count).as(id).isEqualTo(inWindow.contains(id) ? 2 : 1));
        assertThat(rejectsOf(published, "SBFL-copy.csv")).isEmpty();
        assertThat(checkpoints.committed(SOURCE).orElseThrow().position()).isEqualTo(liveBefore.position());
        camel.getRouteController().stopRoute(SOURCE);
        camel.removeRoute(SOURCE);
    }

    /** ce_id → the version (updated_at) of the record it came from, null for a line that had none. */
    private Map<String, Instant> versions(PublishedEvents published) {
        Map<String, Instant> versions = new HashMap<>();
        for (ConsumerRecord<String, byte[]> event : published.tagged(Topics.ASSESSMENT, "SBFL")) {
            versions.put(PublishedEvents.header(event, "ce_id"),
                    OffsetDateTime.parse(PublishedEvents.header(event, "ce_time")).toInstant());
        }
        for (ConsumerRecord<String, byte[]> reject : rejectsOf(published, "SBFL-a.csv")) {
            JsonNode json = PublishedEvents.json(reject);
            Instant version;
            try {
                // A line that is no CSV record has no version: it belongs to a window by its file's time.
                version = json.get("reasonCode").asText().equals("MALFORMED_RECORD") ? null
                        : OffsetDateTime.parse(json.path("record").path("updated_at").asText()).toInstant();
            } catch (DateTimeParseException e) {
                version = null;
            }
            versions.put(PublishedEvents.header(reject, "ce_id"), version);
        }
        return versions;
    }

    private Map<String, Long> ceIdCounts(PublishedEvents published) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(published.tagged(Topics.ASSESSMENT, "SBFL"));
        all.addAll(rejectsOf(published, "SBFL-a.csv"));
        return all.stream().collect(Collectors.groupingBy(r -> PublishedEvents.header(r, "ce_id"),
                Collectors.counting()));
    }

    private static List<ConsumerRecord<String, byte[]>> rejectsOf(PublishedEvents published, String fileName) {
        return published.tagged(Topics.REJECTED, fileName).stream()
                .filter(r -> PublishedEvents.json(r).get("position").asText().startsWith(fileName + "#sha256="))
                .toList();
    }

    private void awaitProcessed(String fileName) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                !InboxWriter.filesEndingWith(writer.processed(INBOX), "-" + fileName).isEmpty()
                        && !Files.exists(writer.inbox(INBOX).resolve(fileName)));
    }

    private void addRoute() throws Exception {
        writer.inbox(INBOX);
        Map<String, String> parameters = new HashMap<>(Map.of("sourceId", SOURCE,
                "sourceSystem", "/sources/evaluation-bodies/test-backfill", "host", "127.0.0.1",
                "port", Integer.toString(server.port()), "username", server.username(), "password", sftpPassword,
                "knownHostsFile", server.knownHostsFile().toString(), "directory", INBOX,
                "requiredColumns", "record_type,record_id", "pollIntervalMs", "300"));
        parameters.put("batchSize", "7");
        parameters.put("mapper", "evaluationBodyRecordMapper");
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, "sftp-file-drop").routeId(SOURCE);
        parameters.forEach(builder::parameter);
        builder.add();
    }
}
