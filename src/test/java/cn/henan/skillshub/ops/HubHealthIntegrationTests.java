package cn.henan.skillshub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a load balancer and an operator read from {@code /actuator/health} while one source system is down: the hub
 * is UP (it can publish: Kafka and its database answer), and the source is visibly failing — in the sources API, in
 * the metrics and in the health details an OPS key sees. No stack trace, no class name in any of them.
 */
@HubIntegrationTest
class HubHealthIntegrationTests {

    static final String UNREACHABLE = "evaluation-body-sftp-unreachable";

    @Autowired
    CamelContext camel;
    @LocalServerPort
    int port;

    @Test
    void anUnreachableSftpServerLeavesTheHubUp_theSourceShowsFailing() throws Exception {
        HubApi api = new HubApi(port);
        addRouteToAServerThatIsNotThere();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode source = HubApi.json(api.get("/api/v1/sources/" + UNREACHABLE, TestApiKeys.OPS));
                assertThat(source.get("state").asText()).isEqualTo("failing");
                assertThat(source.get("lastFailure").asText()).isNotBlank();
            });

            for (String path : new String[] {"/actuator/health", "/actuator/health/readiness"}) {
                HttpResponse<String> anonymous = api.get(path, null);
                assertThat(anonymous.statusCode()).as(path + ": " + anonymous.body()).isEqualTo(200);
                assertThat(HubApi.json(anonymous).get("status").asText()).isEqualTo("UP");
                assertThat(HubApi.json(anonymous).has("components")).isFalse();
            }

            HttpResponse<String> ops = api.get("/actuator/health", TestApiKeys.OPS);
            assertThat(ops.statusCode()).isEqualTo(200);
            JsonNode components = HubApi.json(ops).get("components");
            assertThat(components.get("kafka").get("status").asText()).isEqualTo("UP");
            assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
            JsonNode sources = components.get("sources");
            assertThat(sources.get("status").asText()).isEqualTo("UP");
            assertThat(sources.get("details").get(UNREACHABLE).asText()).isEqualTo("failing");
            assertThat(sources.get("details").get("failing").get(UNREACHABLE).asText()).isNotBlank();
            assertThat(ops.body()).doesNotContain("\tat ", "Exception:", "cn.henan.", "java.");

            String metrics = api.getText("/actuator/prometheus", TestApiKeys.OPS).body();
            assertThat(metrics).containsPattern("skillshub_source_failing\\{[^}]*source=\"" + UNREACHABLE
                    + "\"[^}]*} 1\\.0");
        } finally {
            camel.getRouteController().stopRoute(UNREACHABLE);
            camel.removeRoute(UNREACHABLE);
        }
    }

    /** An SFTP source whose server does not listen: a port just freed, and a known_hosts file with no key. */
    private void addRouteToAServerThatIsNotThere() throws Exception {
        Path knownHosts = Files.createTempFile("unreachable", ".known_hosts");
        Map<String, String> parameters = Map.ofEntries(Map.entry("sourceId", UNREACHABLE),
                Map.entry("sourceSystem", "/sources/evaluation-bodies/unreachable"), Map.entry("host", "127.0.0.1"),
                Map.entry("port", Integer.toString(freePort())), Map.entry("username", "nobody"),
                Map.entry("password", "unreachable-test-password"),
                Map.entry("knownHostsFile", knownHosts.toString()), Map.entry("directory", "inbox"),
                Map.entry("pollIntervalMs", "300"), Map.entry("mapper", "evaluationBodyRecordMapper"));
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, "sftp-file-drop").routeId(UNREACHABLE);
        parameters.forEach(builder::parameter);
        builder.add();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
