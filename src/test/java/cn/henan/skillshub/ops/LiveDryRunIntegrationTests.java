package cn.henan.skillshub.ops;

import static cn.henan.skillshub.support.ExchangeFeeds.ENROLMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulator;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
import cn.henan.skillshub.simulator.evaluation.BodySpellings;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.simulator.sftp.CeecCsv;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv;
import cn.henan.skillshub.simulator.sftp.InboxWriter;
import cn.henan.skillshub.sources.rest.PublishedEvents;
import cn.henan.skillshub.support.ExchangeFeeds;
import cn.henan.skillshub.support.ExchangeSchemaForTests.Simulators;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import cn.henan.skillshub.support.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /api/v1/sources/{id}/dry-run?limit=N} against running sources — the JDBC keyset source over the real
 * exchange database, a REST source over the real evaluation-body simulator, an SFTP source over the real SFTP
 * server (the file stays in the inbox with its marker): the next N records from the
 * committed checkpoint, each with its event or reject, while nothing reaches Kafka (not even in an aborted
 * transaction) and the checkpoint does not move; when the source resumes, the same records are published once,
 * under the ce_ids the dry run showed. Bad input: an unknown source, a limit out of range, a caller not OPS.
 */
@HubIntegrationTest
class LiveDryRunIntegrationTests {

    @Autowired
    Simulators simulators;
    @Autowired
    ExchangeFeeds feeds;
    @Autowired
    EvaluationBodySimulators bodies;
    @Autowired
    @Qualifier("exchangeDataSource")
    DataSource exchange;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    CamelContext camel;
    @Autowired
    InboxWriter writer;
    @Autowired
    ReferenceData reference;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${skillshub.simulator.base-url}")
    String simulatorBaseUrl;
    @Autowired
    HubApi api;

    @Test
    void aJdbcSourcesNextRecordsAreAnsweredWithoutPublishingOrMovingTheCheckpoint() {
        RealNameSimulator simulator = simulators.create("LDRJ", 162, 0);
        simulator.openClasses();
        simulator.write(10);
        JdbcTemplate rows = feeds.jdbc();
        feeds.awaitDrained();
        assertThat(api.post("/api/v1/sources/" + ENROLMENTS + "/pause", TestApiKeys.OPS, null).statusCode())
                .isEqualTo(200);
        Set<String> ids;
        try {
            Checkpoint before = checkpoints.committed(ENROLMENTS).orElseThrow();
            long checkpointId = Long.parseLong(before.position().get("id"));
            List<Long> waiting = List.of();
            for (int i = 0; i < 20 && waiting.size() < 4; i++) {
                simulator.write(10);
                waiting = rows.queryForList("SELECT id FROM " + feeds.schema() + ".enrolment WHERE id > ? ORDER BY"
                        + " updated_at, id", Long.class, checkpointId);
            }
            assertThat(waiting).hasSizeGreaterThanOrEqualTo(4);
            // The live poll's delay window (2 s) holds the youngest rows back; the dry run reads as it does.
            JsonNode answer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(
                    () -> HubApi.json(api.post("/api/v1/sources/" + ENROLMENTS + "/dry-run?limit=3",
                            TestApiKeys.OPS, null)), a -> a.get("results").size() == 3);

            assertThat(answer.get("published").asBoolean()).isFalse();
            assertThat(answer.get("template").asText()).isEqualTo("jdbc-keyset-poll");
            assertThat(answer.get("checkpoint").get("id").asText()).isEqualTo(before.position().get("id"));
            List<String> positions = new ArrayList<>();
            ids = new HashSet<>();
            for (JsonNode result : answer.get("results")) {
                positions.add(result.get("position").asText());
                ids.add(result.get("id").asText());
                assertThat(result.get("outcome").asText()).isIn("event", "reject");
                if (result.get("outcome").asText().equals("event")) {
                    assertThat(result.get("type").asText()).isEqualTo("skills.training.enrolled.v1");
                    assertThat(result.get("flags").isArray()).isTrue();
                } else {
                    assertThat(result.get("reason").asText()).isNotBlank();
                }
            }
            // The three rows after the checkpoint, in the live poll's order.
            assertThat(positions.stream().map(p -> Long.parseLong(p.substring(p.lastIndexOf('#') + 1))).toList())
                    .isEqualTo(waiting.subList(0, 3));
            assertThat(ids).hasSize(3);
            Checkpoint after = checkpoints.committed(ENROLMENTS).orElseThrow();
            assertThat(after.position()).isEqualTo(before.position());
            assertThat(after.recordsRead()).isEqualTo(before.recordsRead());
            assertThat(onTopics(ids, true)).as("nothing published, not even aborted").isEmpty();

            assertBadInput();
        } finally {
            assertThat(api.post("/api/v1/sources/" + ENROLMENTS + "/resume", TestApiKeys.OPS, null).statusCode())
                    .isEqualTo(200);
        }
        // The live poll publishes the same rows once, under the ce_ids the dry run showed.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(onTopics(ids, false)).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).isOne()));
    }

    @Test
    void aRestSourcesNextPagesAreAnsweredWithoutPublishingOrMovingTheCheckpoint() throws Exception {
        String source = RestBackfillIntegrationTests.addRoute(camel, simulatorBaseUrl, "body-ldr");
        EvaluationBodySimulator body = bodies.body("body-ldr");
        ExpectedOutcomes first = body.write(5, "LDRONE");
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                published.tagged(Topics.ASSESSMENT, "LDRONE").size() == first.totalEvents());
        assertThat(api.post("/api/v1/sources/" + source + "/pause", TestApiKeys.OPS, null).statusCode())
                .isEqualTo(200);
        Set<String> ids = new HashSet<>();
        ExpectedOutcomes waiting;
        try {
            Checkpoint before = checkpoints.committed(source).orElseThrow();
            waiting = body.write(25, "LDRTWO"); // three pages of 10

            HttpResponse<String> response = api.post("/api/v1/sources/" + source + "/dry-run?limit=25",
                    TestApiKeys.OPS, null);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = HubApi.json(response);
            assertThat(answer.get("results")).hasSize(25);
            long events = 0;
            for (JsonNode result : answer.get("results")) {
                ids.add(result.get("id").asText());
                events += result.get("outcome").asText().equals("event") ? 1 : 0;
                assertThat(result.toString()).contains("LDRTWO");
            }
            assertThat(events).isEqualTo(waiting.totalEvents());
            assertThat(25 - events).isEqualTo(waiting.totalRejects());
            assertThat(ids).hasSize(25);
            Checkpoint after = checkpoints.committed(source).orElseThrow();
            assertThat(after.position()).isEqualTo(before.position());
            assertThat(after.recordsRead()).isEqualTo(before.recordsRead());
            assertThat(onTopics(ids, true)).as("nothing published, not even aborted").isEmpty();
            assertThat(published.tagged(Topics.ASSESSMENT, "LDRTWO")).isEmpty();

            HttpResponse<String> fewer = api.post("/api/v1/sources/" + source + "/dry-run?limit=4", TestApiKeys.OPS,
                    null);
            assertThat(HubApi.json(fewer).get("results")).hasSize(4);
        } finally {
            api.post("/api/v1/sources/" + source + "/resume", TestApiKeys.OPS, null);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(onTopics(ids, false)).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).isOne()));
        camel.getRouteController().stopRoute(source);
        camel.removeRoute(source);
    }

    @Test
    void anSftpSourcesNextLinesAreReadFromTheInboxWithoutMovingOrMarkingTheFile() throws Exception {
        String source = "evaluation-sftp.ceec";
        EvaluationBodyCsv csv = new EvaluationBodyCsv(163, "LDRS", BodySpellings.CEEC_NAME,
                reference.occupations().stream().map(Occupation::code).toList(), 0.0);
        StringBuilder canonical = new StringBuilder(EvaluationBodyCsv.header()).append("\r\n");
        for (int i = 0; i < 8; i++) {
            canonical.append(csv.goodLine());
        }
        CeecCsv.Translated translated = CeecCsv.translate(canonical.toString(), reference);
        // Line 4 is one a field short: the live route rejects it before mapping, and so does the dry run.
        List<String> lines = new ArrayList<>(List.of(translated.text().split("\r\n")));
        lines.set(3, lines.get(3).substring(0, lines.get(3).lastIndexOf(',')));
        byte[] bytes = (String.join("\r\n", lines) + "\r\n").getBytes(CeecCsv.GB18030);
        assertThat(api.post("/api/v1/sources/" + source + "/pause", TestApiKeys.OPS, null).statusCode())
                .isEqualTo(200);
        Set<String> ids = new HashSet<>();
        try {
            Checkpoint before = checkpoints.committed(source).orElse(Checkpoint.initial(source));
            writer.dropBytes("ceec/inbox", "LDRS.csv", bytes, true);

            HttpResponse<String> response = api.post("/api/v1/sources/" + source + "/dry-run?limit=5",
                    TestApiKeys.OPS, null);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode results = HubApi.json(response).get("results");
            assertThat(results).hasSize(5);
            for (int i = 0; i < 5; i++) {
                JsonNode result = results.get(i);
                ids.add(result.get("id").asText());
                assertThat(result.get("position").asText()).startsWith("LDRS.csv#sha256=").endsWith("#line=" + (i + 2));
                if (i == 2) {
                    assertThat(result.get("outcome").asText()).isEqualTo("reject");
                    assertThat(result.get("reason").asText()).isEqualTo("MALFORMED_RECORD");
                    assertThat(result.get("message").asText()).contains("LDRS.csv", "line 4", "16 fields");
                } else {
                    assertThat(result.get("outcome").asText()).as(result.toString()).isEqualTo("event");
                }
            }
            assertThat(InboxWriter.filesEndingWith(writer.inbox("ceec/inbox"), "LDRS.csv")).hasSize(1);
            assertThat(InboxWriter.filesEndingWith(writer.inbox("ceec/inbox"), "LDRS.csv.done")).hasSize(1);
            assertThat(InboxWriter.filesEndingWith(writer.processed("ceec/inbox"), "LDRS.csv")).isEmpty();
            assertThat(checkpoints.committed(source).orElse(Checkpoint.initial(source)).position())
                    .isEqualTo(before.position());
            assertThat(onTopics(ids, true)).as("nothing published, not even aborted").isEmpty();
        } finally {
            assertThat(api.post("/api/v1/sources/" + source + "/resume", TestApiKeys.OPS, null).statusCode())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(onTopics(ids, false)).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).isOne()));
    }

    private void assertBadInput() {
        assertProblem(api.post("/api/v1/sources/no-such-source/dry-run?limit=3", TestApiKeys.OPS, null), 404,
                "no-such-source");
        assertProblem(api.post("/api/v1/sources/" + ENROLMENTS + "/dry-run?limit=0", TestApiKeys.OPS, null), 400,
                "limit");
        assertProblem(api.post("/api/v1/sources/" + ENROLMENTS + "/dry-run?limit=101", TestApiKeys.OPS, null), 400,
                "limit");
        assertProblem(api.post("/api/v1/sources/" + ENROLMENTS + "/dry-run?limit=ten", TestApiKeys.OPS, null), 400,
                "limit");
        assertThat(api.post("/api/v1/sources/" + ENROLMENTS + "/dry-run?limit=3", TestApiKeys.AUDITOR, null)
                .statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/sources/" + ENROLMENTS + "/dry-run?limit=3", TestApiKeys.PLATFORM, null)
                .statusCode()).isEqualTo(403);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String names) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(HubApi.json(response).get("detail").asText()).contains(names);
    }

    /** How often each of {@code ids} is on the event topics and the rejects topic (aborted records too, if asked). */
    private Map<String, Long> onTopics(Set<String> ids, boolean includingAborted) {
        TopicReader reader = new TopicReader(bootstrapServers);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String topic : List.of(Topics.TRAINING, Topics.ASSESSMENT, Topics.REJECTED)) {
            records.addAll(includingAborted ? reader.readAllIncludingAborted(topic) : reader.readAll(topic));
        }
        return records.stream().map(r -> PublishedEvents.header(r, "ce_id")).filter(ids::contains)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }
}
