package cn.henan.skillshub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulator;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.simulator.http.Fault;
import cn.henan.skillshub.sources.rest.PublishedEvents;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Backfill of a {@code rest-page-poll} source against the real broker and the evaluation-body simulator: the window
 * is pulled again page by page, its events and rejects come again with the very same {@code ce_id}s (read as a
 * {@code read_committed} subscriber), what lies past {@code to} is not touched, and the live checkpoint does not
 * move. Each test pulls its own body through a route of its own, so the live sources of other tests are left alone.
 */
@HubIntegrationTest
class RestBackfillIntegrationTests {

    @Autowired
    EvaluationBodySimulators bodies;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    CamelContext camel;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${skillshub.simulator.base-url}")
    String simulatorBaseUrl;
    @Autowired
    HubApi api;

    @Test
    void aBackfillPublishesTheWindowAgainWithTheSameCeIdsStopsAtToAndLeavesTheLiveCheckpoint() throws Exception {
        String source = addRoute("body-bf1");
        EvaluationBodySimulator body = bodies.body("body-bf1");
        Instant from = Instant.now();
        ExpectedOutcomes window = body.write(45, "BFWIN");
        Instant to = Instant.now().plusNanos(1);
        // The next records are stamped after 'to': the clock must have moved on before they are written.
        await().pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().isAfter(to));
        ExpectedOutcomes after = body.write(15, "BFLATE");
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(ceIds(published, "BFWIN").values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(window.totalEvents() + window.totalRejects());
            assertThat(ceIds(published, "BFLATE").values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(after.totalEvents() + after.totalRejects());
        });
        assertThat(window.totalRejects()).isPositive();
        Map<String, Long> liveIds = ceIds(published, "BFWIN");
        assertThat(liveIds).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        Checkpoint liveBefore = checkpoints.committed(source).orElseThrow();

        HttpResponse<String> response = api.post("/api/v1/sources/" + source + "/backfill", TestApiKeys.PLATFORM,
                "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = HubApi.json(response);
        assertThat(result.get("publishedAs").asText()).isEqualTo(source + ".backfill");
        assertThat(result.get("recordsRead").asLong()).isEqualTo(45);
        assertThat(result.get("eventsPublished").asLong()).isEqualTo(window.totalEvents());
        assertThat(result.get("recordsRejected").asLong()).isEqualTo(window.totalRejects());
        assertThat(result.get("stoppedAtCheckpoint").get("updatedSince").asText())
                .isEqualTo(liveBefore.position().get("updatedSince"));
        // Every event and reject of the window twice now, under the same ce_id; nothing new; nothing past 'to'.
        Map<String, Long> afterIds = ceIds(published, "BFWIN");
        assertThat(afterIds.keySet()).isEqualTo(liveIds.keySet());
        assertThat(afterIds.values()).allMatch(count -> count == 2);
        assertThat(ceIds(published, "BFLATE").values()).allMatch(count -> count == 1);
        assertThat(checkpoints.committed(source).orElseThrow().position()).isEqualTo(liveBefore.position());
        assertThat(checkpoints.committed(source).orElseThrow().recordsRead()).isEqualTo(liveBefore.recordsRead());
        removeRoute(source);
    }

    @Test
    void aSecondBackfillOfTheSameSourceWhileOneRunsIsRefusedWith409() throws Exception {
        String source = addRoute("body-bf2");
        EvaluationBodySimulator body = bodies.body("body-bf2");
        Instant from = Instant.now();
        ExpectedOutcomes written = body.write(40, "BFTWO");
        Instant to = Instant.now().plusNanos(1);
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                published.tagged(Topics.ASSESSMENT, "BFTWO").size() == written.totalEvents());
        // The live route rests, so only the backfill meets the slow pages: four pages of 10, 600 ms each.
        api.post("/api/v1/sources/" + source + "/pause", TestApiKeys.OPS, null);
        int requests = body.faults().requestCount();
        body.faults().inject(Fault.SLOW, 4);
        String window = "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}";
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() ->
                api.post("/api/v1/sources/" + source + "/backfill", TestApiKeys.OPS, window));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> body.faults().requestCount() > requests);

        HttpResponse<String> second = api.post("/api/v1/sources/" + source + "/backfill", TestApiKeys.PLATFORM, window);

        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(HubApi.json(second).get("detail").asText()).contains("is running");
        HttpResponse<String> done = first.get();
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(HubApi.json(done).get("recordsRead").asLong()).isEqualTo(40);
        api.post("/api/v1/sources/" + source + "/resume", TestApiKeys.OPS, null);
        removeRoute(source);
    }

    /** ce_id → how often it is on the topics, for the events and rejects of one tag. */
    private static Map<String, Long> ceIds(PublishedEvents published, String tag) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(published.tagged(Topics.ASSESSMENT, tag));
        records.addAll(published.tagged(Topics.REJECTED, tag));
        return records.stream().collect(Collectors.groupingBy(r -> PublishedEvents.header(r, "ce_id"),
                Collectors.counting()));
    }

    private String addRoute(String bodyId) throws Exception {
        return addRoute(camel, simulatorBaseUrl, bodyId);
    }

    /** A rest-page-poll source {@code evaluation-<bodyId>} over the simulated body, pages of 10, polled every 300 ms. */
    static String addRoute(CamelContext camel, String simulatorBaseUrl, String bodyId) throws Exception {
        String sourceId = "evaluation-" + bodyId;
        Map<String, String> parameters = Map.of("sourceId", sourceId, "sourceSystem", "/sources/" + sourceId,
                "baseUrl", simulatorBaseUrl + "/evaluation-body/" + bodyId + "/records",
                "mapper", "evaluationBodyRecordMapper", "signer", "apiTokenSigner",
                "credential", "{{skillshub.sources.evaluation-body-a.token}}", "pageSize", "10",
                "pollIntervalMs", "300", "backoffMs", "100");
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, "rest-page-poll").routeId(sourceId);
        parameters.forEach(builder::parameter);
        builder.add();
        return sourceId;
    }

    private void removeRoute(String routeId) throws Exception {
        camel.getRouteController().stopRoute(routeId);
        camel.removeRoute(routeId);
    }
}
