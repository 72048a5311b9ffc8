package cn.henan.skillshub.sources.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulator;
import cn.henan.skillshub.simulator.http.Fault;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
import cn.henan.skillshub.sources.rest.PublishedEvents;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sources change while the hub runs: a route file copied into a watched directory (target/watched-routes in the
 * tests, beside routes/) starts its source, a changed one restarts only that source from its checkpoint, a removed
 * one stops it and, added back, it resumes; a file that does not load is shown as refused while everything else
 * runs on. Counted as a read_committed subscriber sees it: nothing twice, nothing missing.
 */
@HubIntegrationTest
class RouteFileReloadIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(RouteFileReloadIntegrationTests.class);
    static final Path WATCHED = Path.of("target/watched-routes");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Autowired
    CamelContext camel;
    @Autowired
    EvaluationBodySimulators bodies;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @LocalServerPort
    int port;

    @AfterEach
    void removeTheFiles() throws IOException {
        if (Files.isDirectory(WATCHED)) {
            try (var files = Files.list(WATCHED)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        jdbc.update("DELETE FROM sources.route_file WHERE source_id LIKE 'evaluation-body-rl%'");
        await().atMost(WAIT).until(() -> camel.getRoutes().stream().noneMatch(r -> r.getRouteId()
                .startsWith("evaluation-body-rl")) && sources().stream().noneMatch(s -> s.get("id").asText()
                .startsWith("evaluation-body-rl")));
    }

    @Test
    void aFileCopiedInStartsPublishingAndABrokenOneIsShownWhileTheOthersRunOn() throws Exception {
        Route other = camel.getRoute("evaluation-body-a");
        ExpectedOutcomes expected = bodies.body("body-rla").write(60, "RLADD");
        PublishedEvents published = new PublishedEvents(bootstrapServers);

        long copied = System.nanoTime();
        copyIn("evaluation-body-rla.yaml", yaml("rla"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> !published.tagged(Topics.ASSESSMENT, "RLADD").isEmpty());
        log.info("route file copied in: first event after {} ms", (System.nanoTime() - copied) / 1_000_000);
        awaitExactly(published, "RLADD", expected);

        // An unknown template: refused with its line, nothing of it runs, every other source runs on.
        copyIn("evaluation-body-rlbroken.yaml", yaml("rlbroken").replace("rest-page-poll", "rest-page-pol"));
        JsonNode refused = await().atMost(WAIT).until(() -> source("evaluation-body-rlbroken"), Optional::isPresent)
                .orElseThrow();
        assertThat(refused.get("state").asText()).isEqualTo("refused");
        assertThat(refused.get("file").asText()).isEqualTo("target/watched-routes/evaluation-body-rlbroken.yaml");
        assertThat(refused.get("fileRefused").asText()).containsPattern(" line \\d+: ")
                .contains("unknown route template 'rest-page-pol'");
        assertThat(camel.getRoute("evaluation-body-rlbroken")).isNull();
        assertThat(camel.getRoute("evaluation-body-a")).isSameAs(other);
        assertThat(source("evaluation-body-rla").orElseThrow().get("state").asText()).isIn("running", "failing");
        assertThat(source("evaluation-body-a").orElseThrow().get("state").asText()).isIn("running", "failing");
    }

    @Test
    void aChangedFileRestartsOnlyThatSourceFromItsCheckpointAndARefusedChangeLeavesItAsItWas() throws Exception {
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        ExpectedOutcomes first = bodies.body("body-rlb").write(150, "RLCHGA");
        copyIn("evaluation-body-rlb.yaml", yaml("rlb"));
        awaitExactly(published, "RLCHGA", first);
        Route before = camel.getRoute("evaluation-body-rlb");
        Route other = camel.getRoute("evaluation-body-a");

        // Changed while records wait: smaller pages. Only this source restarts, from its checkpoint.
        ExpectedOutcomes second = bodies.body("body-rlb").write(300, "RLCHGB");
        copyIn("evaluation-body-rlb.yaml", yaml("rlb").replace("value: \"100\"", "value: \"20\""));
        await().atMost(WAIT).until(() -> camel.getRoute("evaluation-body-rlb") != null
                && camel.getRoute("evaluation-body-rlb") != before);
        awaitExactly(published, "RLCHGB", second);
        assertThat(published.tagged(Topics.ASSESSMENT, "RLCHGA")).hasSize(first.totalEvents());
        assertThat(camel.getRoute("evaluation-body-a")).isSameAs(other);

        // A change whose mapping names a field the schema lacks: refused with the line, the source runs on.
        Route running = camel.getRoute("evaluation-body-rlb");
        copyIn("evaluation-body-rlb.yaml", yaml("rlb").replace("record_id: record_id", "recordid: record_id"));
        JsonNode shown = await().atMost(WAIT).until(() -> source("evaluation-body-rlb"),
                s -> s.isPresent() && s.get().hasNonNull("fileRefused")).orElseThrow();
        assertThat(shown.get("fileRefused").asText()).startsWith("target/watched-routes/evaluation-body-rlb.yaml line ")
                .contains("recordid");
        assertThat(shown.get("state").asText()).isIn("running", "failing");
        assertThat(camel.getRoute("evaluation-body-rlb")).isSameAs(running);
        ExpectedOutcomes third = bodies.body("body-rlb").write(40, "RLCHGC");
        awaitExactly(published, "RLCHGC", third);
        assertThat(camel.getRoute("evaluation-body-rlb")).isSameAs(running);
    }

    @Test
    void aRemovedSourceKeepsItsCheckpointAndAddedBackResumesFromIt() throws Exception {
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        ExpectedOutcomes first = bodies.body("body-rlc").write(80, "RLRMA");
        copyIn("evaluation-body-rlc.yaml", yaml("rlc"));
        awaitExactly(published, "RLRMA", first);

        Files.delete(WATCHED.resolve("evaluation-body-rlc.yaml"));
        await().atMost(WAIT).until(() -> camel.getRoute("evaluation-body-rlc") == null
                && source("evaluation-body-rlc").isEmpty());
        ExpectedOutcomes whileAway = bodies.body("body-rlc").write(90, "RLRMB");

        copyIn("evaluation-body-rlc.yaml", yaml("rlc"));
        awaitExactly(published, "RLRMB", whileAway);
        assertThat(published.tagged(Topics.ASSESSMENT, "RLRMA")).hasSize(first.totalEvents());
        assertThat(published.tagged(Topics.REJECTED, "RLRMA")).hasSize(first.totalRejects());
    }

    @Test
    void aFileHandedInThroughTheApiIsStoredAppliedAndRemoved() throws Exception {
        HubApi api = new HubApi(port);
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        ExpectedOutcomes expected = bodies.body("body-rld").write(50, "RLAPI");

        HttpResponse<String> refused = api.put("/api/v1/sources/evaluation-body-rld", TestApiKeys.OPS,
                body(yaml("rld").replace("record_id: record_id", "recordid: record_id")));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(HubApi.json(refused).get("reason").asText()).contains("recordid");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sources.route_file WHERE source_id = ?", Integer.class,
                "evaluation-body-rld")).isZero();
        assertThat(api.put("/api/v1/sources/evaluation-body-rld", TestApiKeys.AUDITOR, body(yaml("rld")))
                .statusCode()).isEqualTo(403);

        HttpResponse<String> stored = api.put("/api/v1/sources/evaluation-body-rld", TestApiKeys.OPS, body(yaml("rld")));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(HubApi.json(stored).get("file").asText()).isEqualTo("api:evaluation-body-rld");
        awaitExactly(published, "RLAPI", expected);

        assertThat(api.call("DELETE", "/api/v1/sources/evaluation-body-rld", TestApiKeys.OPS, null).statusCode())
                .isEqualTo(204);
        assertThat(camel.getRoute("evaluation-body-rld")).isNull();
        assertThat(api.call("DELETE", "/api/v1/sources/evaluation-body-rld", TestApiKeys.OPS, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aChangeToASourceWhoseBackfillRunsWaitsUntilTheBackfillEndsAndIsThenApplied() throws Exception {
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        EvaluationBodySimulator body = bodies.body("body-rle");
        Instant from = Instant.now();
        ExpectedOutcomes written = body.write(60, "RLBF");
        Instant to = Instant.now().plusNanos(1);
        String small = yaml("rle").replace("value: \"100\"", "value: \"5\"");
        copyIn("evaluation-body-rle.yaml", small);
        awaitExactly(published, "RLBF", written);
        HubApi api = new HubApi(port);
        // The live route rests, so only the backfill meets the slow pages: twelve pages of 5, each slowed.
        assertThat(api.post("/api/v1/sources/evaluation-body-rle/pause", TestApiKeys.OPS, null).statusCode())
                .isEqualTo(200);
        Route before = camel.getRoute("evaluation-body-rle");
        int requests = body.faults().requestCount();
        body.faults().inject(Fault.SLOW, 13);
        CompletableFuture<HttpResponse<String>> backfill = CompletableFuture.supplyAsync(() -> api.post(
                "/api/v1/sources/evaluation-body-rle/backfill", TestApiKeys.OPS,
                "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> body.faults().requestCount() > requests);

        copyIn("evaluation-body-rle.yaml", small.replace("value: \"5\"", "value: \"20\""));

        JsonNode waiting = await().atMost(WAIT).until(() -> source("evaluation-body-rle"),
                s -> s.isPresent() && s.get().hasNonNull("fileRefused")).orElseThrow();
        assertThat(waiting.get("fileRefused").asText()).contains("the change waits",
                "a backfill of source evaluation-body-rle is running");
        assertThat(backfill).isNotDone();
        assertThat(camel.getRoute("evaluation-body-rle")).as("the running version stays").isSameAs(before);

        HttpResponse<String> done = backfill.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(HubApi.json(done).get("recordsRead").asLong()).isEqualTo(60);
        // The backfill over, the next scan applies the change.
        await().atMost(WAIT).until(() -> camel.getRoute("evaluation-body-rle") != null
                && camel.getRoute("evaluation-body-rle") != before);
        await().atMost(WAIT).until(() -> source("evaluation-body-rle"),
                s -> s.isPresent() && !s.get().hasNonNull("fileRefused"));
        ExpectedOutcomes later = body.write(30, "RLBFLATE");
        awaitExactly(published, "RLBFLATE", later);
    }

    private static String body(String yaml) {
        return "{\"file\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(yaml) + "}";
    }

    /** routes/evaluation-body-henan-rest.yaml for another simulated body, as an operator would copy it. */
    static String yaml(String body) throws IOException {
        return Files.readString(Path.of("routes/evaluation-body-henan-rest.yaml"))
                .replace("evaluation-body-a", "evaluation-body-" + body)
                .replace("{{skillshub.sources.evaluation-body-" + body + ".base-url}}",
                        "{{skillshub.simulator.base-url}}/evaluation-body/body-" + body + "/records")
                .replace("{{skillshub.sources.evaluation-body-" + body + ".token}}",
                        "{{skillshub.sources.evaluation-body-a.token}}");
    }

    /** Written beside, then moved in: the hub sees the whole file at once, as with a copy. */
    private static void copyIn(String name, String text) throws IOException {
        Files.createDirectories(WATCHED);
        Path partial = Files.writeString(Path.of("target").resolve(name + ".part"), text, StandardCharsets.UTF_8);
        Files.move(partial, WATCHED.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitExactly(PublishedEvents published, String tag, ExpectedOutcomes expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(published.tagged(Topics.ASSESSMENT, tag)).hasSize(expected.totalEvents());
            assertThat(published.tagged(Topics.REJECTED, tag)).hasSize(expected.totalRejects());
        });
        List<ConsumerRecord<String, byte[]>> events = published.tagged(Topics.ASSESSMENT, tag);
        assertThat(events.stream().map(r -> PublishedEvents.header(r, "ce_id")).distinct()).hasSize(events.size());
    }

    private List<JsonNode> sources() {
        HttpResponse<String> response = new HubApi(port).get("/api/v1/sources", TestApiKeys.OPS);
        return StreamSupport.stream(HubApi.json(response).spliterator(), false).toList();
    }

    private Optional<JsonNode> source(String id) {
        return sources().stream().filter(s -> s.get("id").asText().equals(id)).findFirst();
    }
}
