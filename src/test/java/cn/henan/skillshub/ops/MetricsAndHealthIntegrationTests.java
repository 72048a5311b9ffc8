package cn.henan.skillshub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.support.ExchangeFeeds;
import cn.henan.skillshub.support.ExchangeSchemaForTests.Simulators;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The metric names operators and the Grafana dashboard rely on, after a run; and the health groups. */
@HubIntegrationTest
class MetricsAndHealthIntegrationTests {

    private static final String SOURCE = "source=\"realname-training.enrolments\"";

    @Autowired
    Simulators simulators;
    @Autowired
    ExchangeFeeds feeds;
    @Autowired
    HubApi api;

    @Test
    void afterARunThePrometheusEndpointHasEveryPerSourceAndCamelRouteMetric() {
        RealNameSimulator simulator = simulators.create("Q5MET", 57, 0.1);
        simulator.openClasses();
        simulator.write(60);
        feeds.awaitDrained();
        api.get("/api/v1/sources", TestApiKeys.OPS);

        await().atMost(Duration.ofSeconds(15)).until(() -> api.getText("/actuator/prometheus", TestApiKeys.OPS).body()
                .contains("skillshub_source_lag_seconds{"));
        HttpResponse<String> response = api.getText("/actuator/prometheus", TestApiKeys.OPS);

        assertThat(response.statusCode()).isEqualTo(200);
        String metrics = response.body();
        assertThat(metrics).contains(
                "skillshub_source_records_read_total{application=\"skills-hub\"," + SOURCE + "}",
                "skillshub_source_events_published_total{application=\"skills-hub\"," + SOURCE + "}",
                "skillshub_source_records_rejected_total{application=\"skills-hub\"," + SOURCE + "}",
                "skillshub_source_poll_duration_seconds_count{application=\"skills-hub\"," + SOURCE + "}",
                "skillshub_source_checkpoint_age_seconds{application=\"skills-hub\"," + SOURCE + "}",
                "skillshub_source_lag_seconds{application=\"skills-hub\"," + SOURCE + "}",
                "skillshub_source_circuit_open{application=\"skills-hub\"," + SOURCE + "}",
                "skillshub_source_paused{application=\"skills-hub\"," + SOURCE + "}",
                "skillshub_source_failing{application=\"skills-hub\"," + SOURCE + "}");
        // Camel's own route metrics (camel-micrometer), per route id.
        assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"realname-training.enrolments\"");
        assertThat(metrics).containsPattern("camel_exchanges_failed_total\\{[^}]*routeId=\"realname-training.enrolments\"");
        // No ID number in any label value (values are numbers, where 17 digits are just precision).
        assertThat(metrics).doesNotContainPattern("=\"[^\"\\n]*\\d{17}[\\dX]");
    }

    @Test
    void readinessSaysKafkaAndEverySourceRouteAreUpAndLivenessIsPublic() {
        HttpResponse<String> readiness = api.get("/actuator/health/readiness", TestApiKeys.OPS);
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        JsonNode components = HubApi.json(readiness).get("components");
        assertThat(components.get("kafka").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("kafka").get("details").get("nodes").asInt()).isPositive();
        assertThat(components.get("sources").get("status").asText()).isEqualTo("UP");
        assertThat(components.get("sources").get("details").get("realname-training.enrolments").asText())
                .isIn("running", "failing");
        assertThat(components.get("readinessState").get("status").asText()).isEqualTo("UP");

        HttpResponse<String> anonymous = api.get("/actuator/health/readiness", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(HubApi.json(anonymous).has("components")).isFalse();
        assertThat(api.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }
}
