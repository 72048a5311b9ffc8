package cn.henan.skillshub.ops;

import static cn.henan.skillshub.support.ExchangeFeeds.ENROLMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.support.ExchangeFeeds;
import cn.henan.skillshub.support.ExchangeSchemaForTests.Simulators;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import cn.henan.skillshub.support.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A paused source's checkpoint read, set past one record and reset through the API, against the real broker and the
 * real exchange database: refused while the source runs (409) and for a position that does not parse (400 naming
 * the field); written in a committed transaction on skills.hub.checkpoints; audited with from and to; and the
 * skipped record is never published while the ones after it are.
 */
@HubIntegrationTest
class SourceCheckpointsIntegrationTests {

    private static final String CHECKPOINT = "/api/v1/sources/" + ENROLMENTS + "/checkpoint";

    @Autowired
    Simulators simulators;
    @Autowired
    ExchangeFeeds feeds;
    @Autowired
    @Qualifier("exchangeDataSource")
    DataSource exchange;
    @Autowired
    JdbcTemplate hubDatabase;
    @Autowired
    CheckpointStore checkpoints;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Autowired
    HubApi api;

    @Test
    void aPausedSourceSkipsPastOnePoisonRecordAndIsResetWithEachChangeAuditedAndRefusedWhileItRuns() {
        RealNameSimulator simulator = simulators.create("Q14CP", 141, 0);
        simulator.openClasses();
        simulator.write(10);
        JdbcTemplate rows = feeds.jdbc();
        feeds.awaitDrained();

        HttpResponse<String> whileRunning = api.put(CHECKPOINT, TestApiKeys.OPS, "{\"rewindTo\": \"2026-01-01T00:00:00Z\"}");
        assertThat(whileRunning.statusCode()).isEqualTo(409);
        assertThat(whileRunning.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(HubApi.json(whileRunning).get("detail").asText()).contains("is running").contains("pause it first");

        assertThat(api.post("/api/v1/sources/" + ENROLMENTS + "/pause", TestApiKeys.OPS, null).statusCode())
                .isEqualTo(200);
        String poisonNo;
        List<String> after;
        try {
            Checkpoint before = checkpoints.committed(ENROLMENTS).orElseThrow();
            JsonNode read = HubApi.json(api.get(CHECKPOINT, TestApiKeys.OPS));
            assertThat(read.get("state").asText()).isEqualTo("paused");
            assertThat(read.get("position").get("id").asText()).isEqualTo(before.position().get("id"));
            assertThat(read.get("recordsRead").asLong()).isEqualTo(before.recordsRead());

            assertBadRequest("{\"position\": {\"updatedAt\": \"yesterday\", \"id\": \"1\"}}", "position.updatedAt");
            assertBadRequest("{\"position\": {\"updatedAt\": \"2026-01-01T00:00:00Z\", \"id\": \"one\"}}",
                    "position.id");
            assertBadRequest("{\"position\": {\"updatedAt\": \"2026-01-01T00:00:00Z\", \"id\": \"1\", \"page\": \"2\"}}",
                    "position.page");
            assertBadRequest("{\"skipPast\": \"row 12\"}", "skipPast");
            assertBadRequest("{}", "exactly one");
            assertThat(checkpoints.committed(ENROLMENTS).orElseThrow().position()).isEqualTo(before.position());

            // Enrolments wait while the source is paused (a write is a mix of enrolments, hours and completions);
            // the first of them is the poison record to skip.
            List<Map<String, Object>> waiting = List.of();
            for (int i = 0; i < 20 && waiting.size() < 3; i++) {
                simulator.write(10);
                waiting = rows.queryForList("SELECT id, updated_at, enrolment_no FROM " + feeds.schema()
                        + ".enrolment WHERE id > ? ORDER BY updated_at, id", Long.parseLong(before.position().get("id")));
            }
            assertThat(waiting).hasSizeGreaterThanOrEqualTo(3);
            Map<String, Object> poison = waiting.get(0);
            String poisonPosition = ((Timestamp) poison.get("updated_at")).toInstant() + "#" + poison.get("id");
            poisonNo = poison.get("enrolment_no").toString();
            after = waiting.subList(1, waiting.size()).stream().map(r -> r.get("enrolment_no").toString()).toList();

            HttpResponse<String> skipped = api.put(CHECKPOINT, TestApiKeys.OPS,
                    "{\"skipPast\": \"" + poisonPosition + "\"}");
            assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
            JsonNode change = HubApi.json(skipped);
            assertThat(change.get("how").asText()).isEqualTo("skipPast");
            assertThat(change.get("from").get("id").asText()).isEqualTo(before.position().get("id"));
            assertThat(change.get("to").get("id").asText()).isEqualTo(poison.get("id").toString());
            Map<String, String> committed = lastCommittedCheckpoint().position();
            assertThat(committed.get("id")).as("read_committed on " + Topics.CHECKPOINTS)
                    .isEqualTo(poison.get("id").toString());
            JsonNode audited = tree(hubDatabase.queryForObject("SELECT jsonb_build_object('caller', caller,"
                    + " 'parameters', parameters)::text FROM audit.audit_record WHERE method = 'CHECKPOINT' AND target"
                    + " = ? ORDER BY id DESC LIMIT 1", String.class, "sources/" + ENROLMENTS + "/checkpoint"));
            assertThat(audited.get("caller").asText()).isEqualTo("test-ops");
            assertThat(audited.get("parameters").get("from").get("id").asText()).isEqualTo(before.position().get("id"));
            assertThat(audited.get("parameters").get("to").get("id").asText()).isEqualTo(poison.get("id").toString());

            // Reset to the beginning, then set back to just past the poison record: a position as the poll writes it.
            HttpResponse<String> reset = api.call("DELETE", CHECKPOINT, TestApiKeys.OPS, null);
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
            assertThat(HubApi.json(reset).get("to").size()).isZero();
            assertThat(lastCommittedCheckpoint().position()).isEmpty();
            HttpResponse<String> setBack = api.put(CHECKPOINT, TestApiKeys.OPS, "{\"position\": "
                    + EventJson.mapper().valueToTree(committed) + "}");
            assertThat(setBack.statusCode()).as(setBack.body()).isEqualTo(200);
            assertThat(lastCommittedCheckpoint().position()).isEqualTo(committed);
        } finally {
            assertThat(api.post("/api/v1/sources/" + ENROLMENTS + "/resume", TestApiKeys.OPS, null).statusCode())
                    .isEqualTo(200);
        }
        feeds.awaitDrained();
        // Enrolment events only: an hours event of the skipped enrolment names it too.
        List<String> published = new TopicReader(bootstrapServers).readAll(Topics.TRAINING).stream()
                .filter(r -> "skills.training.enrolled.v1".equals(header(r, "ce_type")))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).filter(v -> v.contains("Q14CP")).toList();
        // The skipped record is not published; the ones after it are.
        assertThat(published).noneMatch(v -> v.contains(poisonNo));
        assertThat(after).isNotEmpty().allMatch(no -> published.stream().anyMatch(v -> v.contains(no)));
    }

    private void assertBadRequest(String body, String named) {
        HttpResponse<String> response = api.put(CHECKPOINT, TestApiKeys.OPS, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(HubApi.json(response).get("detail").asText()).as(body).contains(named);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last checkpoint of the source on skills.hub.checkpoints, read_committed. */
    private Checkpoint lastCommittedCheckpoint() {
        List<ConsumerRecord<String, byte[]>> records = new TopicReader(bootstrapServers).readAll(Topics.CHECKPOINTS);
        ConsumerRecord<String, byte[]> last = records.stream().filter(r -> ENROLMENTS.equals(r.key()))
                .reduce((a, b) -> b).orElseThrow();
        try {
            return EventJson.mapper().readValue(last.value(), Checkpoint.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
