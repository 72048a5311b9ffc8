package cn.henan.skillshub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static cn.henan.skillshub.support.ExchangeFeeds.ENROLMENTS;
import static cn.henan.skillshub.support.ExchangeFeeds.FEED_TABLES;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.runtime.SourceTracker;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** The sources API against the real broker and the real exchange database: figures, pause and resume, backfill. */
@HubIntegrationTest
class SourcesApiIntegrationTests {

    @Autowired
    Simulators simulators;
    @Autowired
    ExchangeFeeds feeds;
    @Autowired
    @Qualifier("exchangeDataSource")
    DataSource exchange;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    SourceTracker metrics;
    @Autowired
    CamelContext camel;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Autowired
    HubApi api;

    @Test
    void everySourceShowsItsStateCheckpointLagCountsAndCircuit() {
        RealNameSimulator simulator = simulators.create("Q5SRC", 51, 0.1);
        simulator.openClasses();
        simulator.write(120);
        feeds.awaitDrained();

        HttpResponse<String> response = api.get("/api/v1/sources", TestApiKeys.AUDITOR);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, JsonNode> byId = StreamSupport.stream(HubApi.json(response).spliterator(), false)
                .collect(Collectors.toMap(s -> s.get("id").asText(), Function.identity()));
        assertThat(byId).containsKeys(FEED_TABLES.keySet().toArray(String[]::new));
        for (String id : FEED_TABLES.keySet()) {
            JsonNode source = byId.get(id);
            Checkpoint checkpoint = checkpoints.committed(id).orElseThrow();
            assertThat(source.get("template").asText()).isEqualTo("jdbc-keyset-poll");
            assertThat(source.get("state").asText()).as(id).isEqualTo("running");
            assertThat(source.get("checkpoint").get("id").asText()).isEqualTo(checkpoint.position().get("id"));
            assertThat(source.get("recordsRead").asLong()).isEqualTo(checkpoint.recordsRead());
            assertThat(source.get("recordsRead").asLong())
                    .isEqualTo(source.get("eventsPublished").asLong() + source.get("recordsRejected").asLong());
            assertThat(Instant.parse(source.get("lastSuccessfulPoll").asText())).isAfter(Instant.now().minusSeconds(60));
            assertThat(source.get("lagSeconds").isNumber()).as(id).isTrue();
            assertThat(source.get("checkpointAgeSeconds").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(source.get("circuitBreaker").asText()).isEqualTo("n/a");
        }
        assertThat(byId.get(ENROLMENTS).get("recordsRejected").asLong()).isPositive();
    }

    @Test
    void aPausedSourcePollsNothingUntilResumedThenCatchesUp() {
        RealNameSimulator simulator = simulators.create("Q5PAU", 52, 0);
        simulator.openClasses();
        simulator.write(20);
        feeds.awaitDrained();
        try {
            JsonNode paused = HubApi.json(api.post("/api/v1/sources/" + ENROLMENTS + "/pause", TestApiKeys.OPS, null));
            assertThat(paused.get("state").asText()).isEqualTo("paused");
            assertThat(camel.getRouteController().getRouteStatus(ENROLMENTS)).isEqualTo(ServiceStatus.Suspended);

            Map<String, String> before = checkpoints.committed(ENROLMENTS).orElseThrow().position();
            long polls = metrics.polls(ENROLMENTS);
            simulator.write(30);
            // While paused: not one poll, and the checkpoint stays where it was although rows wait.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    metrics.polls(ENROLMENTS) == polls
                            && checkpoints.committed(ENROLMENTS).orElseThrow().position().equals(before));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(HubApi.json(
                    api.get("/api/v1/sources/" + ENROLMENTS, TestApiKeys.OPS)).get("lagSeconds").asDouble())
                    .isGreaterThan(0));
        } finally {
            JsonNode resumed = HubApi.json(api.post("/api/v1/sources/" + ENROLMENTS + "/resume", TestApiKeys.OPS, null));
            assertThat(resumed.get("state").asText()).isIn("running", "failing");
        }
        feeds.awaitDrained();
        assertThat(camel.getRouteController().getRouteStatus(ENROLMENTS)).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aBackfillPublishesExactlyTheCeIdsTheLivePollHadPublishedAndLeavesTheLiveCheckpoint() {
        RealNameSimulator simulator = simulators.create("Q5BFL", 53, 0.15);
        simulator.openClasses();
        simulator.write(150);
        feeds.awaitDrained();

        JdbcTemplate jdbc = feeds.jdbc();
        Map<String, Object> window = jdbc.queryForMap("SELECT min(updated_at) AS first, max(updated_at) AS last FROM "
                + feeds.schema() + ".enrolment WHERE enrolment_no LIKE 'BMQ5BFL%'");
        Instant from = ((Timestamp) window.get("first")).toInstant();
        Instant to = ((Timestamp) window.get("last")).toInstant().plusMillis(1);
        long rowsInWindow = jdbc.queryForObject("SELECT count(*) FROM " + feeds.schema()
                + ".enrolment WHERE updated_at >= ? AND updated_at < ?", Long.class,
                Timestamp.from(from), Timestamp.from(to));
        Map<String, Long> liveIds = ceIdCounts("Q5BFL");
        assertThat(liveIds).hasSizeGreaterThan(30).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        Checkpoint liveBefore = checkpoints.committed(ENROLMENTS).orElseThrow();

        HttpResponse<String> response = api.post("/api/v1/sources/" + ENROLMENTS + "/backfill", TestApiKeys.PLATFORM,
                "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = HubApi.json(response);
        assertThat(result.get("publishedAs").asText()).isEqualTo(ENROLMENTS + ".backfill");
        assertThat(result.get("recordsRead").asLong()).isEqualTo(rowsInWindow);
        assertThat(result.get("recordsRejected").asLong()).isPositive();
        // Every event and every reject of the window again, with the very same ce_id: twice each now, nothing new.
        Map<String, Long> afterIds = ceIdCounts("Q5BFL");
        assertThat(afterIds.keySet()).isEqualTo(liveIds.keySet());
        assertThat(afterIds.values()).allMatch(count -> count == 2);
        assertThat(checkpoints.committed(ENROLMENTS).orElseThrow().position()).isEqualTo(liveBefore.position());
    }

    @Test
    void aBackfillWithAnEmptyOrReversedWindowIsRefused() {
        HttpResponse<String> reversed = api.post("/api/v1/sources/" + ENROLMENTS + "/backfill", TestApiKeys.OPS,
                "{\"from\": \"2025-06-02T00:00:00Z\", \"to\": \"2025-06-01T00:00:00Z\"}");
        assertThat(reversed.statusCode()).isEqualTo(400);
        HttpResponse<String> missing = api.post("/api/v1/sources/" + ENROLMENTS + "/backfill", TestApiKeys.OPS,
                "{\"from\": \"2025-06-02T00:00:00Z\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(HubApi.json(missing).get("errors").get(0).asText()).isEqualTo("to: must not be null");
    }

    /** ce_id → how often it is on the topics, for the enrolment events and enrolment rejects of one run. */
    private Map<String, Long> ceIdCounts(String runTag) {
        TopicReader reader = new TopicReader(bootstrapServers);
        List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>(reader.readAll(Topics.TRAINING));
        records.addAll(reader.readAll(Topics.REJECTED));
        return records.stream()
                .filter(r -> header(r, "ce_type").equals("skills.training.enrolled.v1")
                        || header(r, "ce_type").equals("skills.hub.record-rejected.v1")
                        && header(r, "ce_subject").startsWith(ENROLMENTS + "/"))
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(runTag)
                        || header(r, "ce_subject").contains(runTag))
                .collect(Collectors.groupingBy(r -> header(r, "ce_id"), Collectors.counting()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
