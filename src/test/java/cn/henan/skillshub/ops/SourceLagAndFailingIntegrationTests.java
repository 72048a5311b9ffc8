package cn.henan.skillshub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulator;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
import cn.henan.skillshub.simulator.http.Fault;
import cn.henan.skillshub.simulator.sftp.CsvEncoding;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv;
import cn.henan.skillshub.simulator.sftp.InboxWriter;
import cn.henan.skillshub.simulator.sftp.SftpSimulatorServer;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lag and "failing" of the REST and SFTP sources, read through the sources API and the Prometheus gauge as an
 * operator would: the lag grows while the source fails (HTTP 500s and then the open circuit breaker; an SFTP server
 * that is down) and drops back to about 0 once the source recovers.
 */
@HubIntegrationTest
class SourceLagAndFailingIntegrationTests {

    private static final String REST_SOURCE = "evaluation-body-a";
    private static final String SFTP_SOURCE = "evaluation-sftp.test-down";
    /** "About 0": within two poll intervals the lag reads 0; a slow poll under load may show a second or so. */
    private static final double CAUGHT_UP = 3.0;

    @Autowired
    EvaluationBodySimulators bodies;
    @Autowired
    ReferenceData reference;
    @Autowired
    CamelContext camel;
    @Autowired
    HubApi api;

    @AfterEach
    void clearFaults() {
        bodies.body("body-a").faults().clear();
    }

    @Test
    void aRestSourceFailingWith500sShowsFailingAndAGrowingLagThenRecoversToAboutZero() {
        EvaluationBodySimulator body = bodies.body("body-a");
        body.write(10, "LAGOK");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode source = source(REST_SOURCE);
            assertThat(source.get("state").asText()).isEqualTo("running");
            assertThat(source.get("lagSeconds").asDouble()).isLessThan(CAUGHT_UP);
        });

        body.faults().always(Fault.HTTP_500);
        body.write(10, "LAGFAIL");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode source = source(REST_SOURCE);
            assertThat(source.get("state").asText()).isEqualTo("failing");
            assertThat(source.get("lastFailure").asText()).isNotBlank();
            assertThat(source.get("lagSeconds").asDouble()).isGreaterThan(CAUGHT_UP);
        });
        assertLagGrows(REST_SOURCE);
        // Repeated failures open the breaker; the source stays failing (polls refused) and the lag goes on growing.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode source = source(REST_SOURCE);
            assertThat(source.get("circuitBreaker").asText()).isEqualTo("OPEN");
            assertThat(source.get("state").asText()).isEqualTo("failing");
        });
        assertThat(prometheusGauge("skillshub_source_failing", REST_SOURCE)).isEqualTo(1.0);
        assertThat(prometheusGauge("skillshub_source_lag_seconds", REST_SOURCE)).isGreaterThan(CAUGHT_UP);

        body.faults().clear();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            JsonNode source = source(REST_SOURCE);
            assertThat(source.get("state").asText()).isEqualTo("running");
            assertThat(source.get("lagSeconds").asDouble()).isLessThan(CAUGHT_UP);
            assertThat(source.get("circuitBreaker").asText()).isEqualTo("CLOSED");
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(prometheusGauge("skillshub_source_lag_seconds", REST_SOURCE)).isLessThan(CAUGHT_UP));
    }

    @Test
    void anSftpSourceWhoseServerIsDownShowsFailingAndAGrowingLagThenRecovers() throws Exception {
        Path root = Files.createTempDirectory("sftp-down-root");
        SftpSimulatorServer server = new SftpSimulatorServer("127.0.0.1", freePort(), root,
                Files.createTempDirectory("sftp-down-state"), "hub", "down-test-password", List.of("127.0.0.1"));
        server.start();
        InboxWriter writer = new InboxWriter(root);
        writer.inbox("down/inbox");
        addSftpRoute(server);
        try {
            EvaluationBodyCsv csv = new EvaluationBodyCsv(7, "LAGSFTP", "工业和信息化部教育与考试中心",
                    reference.occupations().stream().map(Occupation::code).toList(), 0);
            InboxWriter.DroppedFile dropped = writer.dropGenerated("down/inbox", "LAGSFTP.csv", CsvEncoding.UTF8, csv,
                    20, true);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(Files.exists(dropped.path())).isFalse();
                JsonNode source = source(SFTP_SOURCE);
                assertThat(source.get("template").asText()).isEqualTo("sftp-file-drop");
                assertThat(source.get("state").asText()).isEqualTo("running");
                assertThat(source.get("eventsPublished").asLong()).isEqualTo(20);
                assertThat(source.get("lagSeconds").asDouble()).isLessThan(CAUGHT_UP);
            });

            server.stop();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode source = source(SFTP_SOURCE);
                assertThat(source.get("state").asText()).isEqualTo("failing");
                assertThat(source.get("lastFailure").asText()).contains("inbox not listed");
                assertThat(source.get("lagSeconds").asDouble()).isGreaterThan(CAUGHT_UP);
            });
            assertLagGrows(SFTP_SOURCE);

            server.start();
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                JsonNode source = source(SFTP_SOURCE);
                assertThat(source.get("state").asText()).isEqualTo("running");
                assertThat(source.get("lagSeconds").asDouble()).isLessThan(CAUGHT_UP);
            });
        } finally {
            camel.getRouteController().stopRoute(SFTP_SOURCE);
            camel.removeRoute(SFTP_SOURCE);
            server.stop();
        }
    }

    private void assertLagGrows(String sourceId) {
        AtomicReference<Double> first = new AtomicReference<>(source(sourceId).get("lagSeconds").asDouble());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(source(sourceId).get("lagSeconds").asDouble()).isGreaterThan(first.get() + 1));
    }

    private JsonNode source(String id) {
        return HubApi.json(api.get("/api/v1/sources/" + id, TestApiKeys.AUDITOR));
    }

    private double prometheusGauge(String name, String sourceId) {
        String metrics = api.getText("/actuator/prometheus", TestApiKeys.OPS).body();
        Matcher value = Pattern.compile("(?m)^" + name + "\\{[^}]*source=\"" + Pattern.quote(sourceId)
                + "\"[^}]*} (\\S+)$").matcher(metrics);
        assertThat(value.find()).as(name + " of " + sourceId).isTrue();
        return Double.parseDouble(value.group(1));
    }

    private void addSftpRoute(SftpSimulatorServer server) throws Exception {
        Map<String, String> parameters = Map.ofEntries(Map.entry("sourceId", SFTP_SOURCE),
                Map.entry("sourceSystem", "/sources/evaluation-bodies/test-down"), Map.entry("host", "127.0.0.1"),
                Map.entry("port", Integer.toString(server.port())), Map.entry("username", server.username()),
                Map.entry("password", "down-test-password"),
                Map.entry("knownHostsFile", server.knownHostsFile().toString()), Map.entry("directory", "down/inbox"),
                Map.entry("pollIntervalMs", "300"), Map.entry("mapper", "evaluationBodyRecordMapper"));
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, "sftp-file-drop").routeId(SFTP_SOURCE);
        parameters.forEach(builder::parameter);
        builder.add();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
