package cn.henan.skillshub.sources.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.support.HubIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Adding an evaluation body is adding a YAML file: a copy of routes/evaluation-body-henan-rest.yaml for a second
 * body, loaded into the running hub, pulls that body — no code changed.
 */
@HubIntegrationTest
class NewRestSourceYamlIntegrationTests {

    @Autowired
    CamelContext camel;
    @Autowired
    EvaluationBodySimulators bodies;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void aNewYamlFileForASecondEvaluationBodyIsPulledWithNoCodeChange(@TempDir Path dir) throws Exception {
        String yaml = Files.readString(Path.of("routes/evaluation-body-henan-rest.yaml"))
                .replace("evaluation-body-a", "evaluation-body-b")
                .replace("{{skillshub.sources.evaluation-body-b.base-url}}",
                        "{{skillshub.simulator.base-url}}/evaluation-body/body-b/records")
                .replace("{{skillshub.sources.evaluation-body-b.token}}", "{{skillshub.sources.evaluation-body-a.token}}");
        Path file = dir.resolve("evaluation-body-b.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        ExpectedOutcomes expected = bodies.body("body-b").write(120, "NEWYAML");

        Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath());
        PluginHelper.getRoutesLoader(camel).loadRoutes(resource);

        assertThat(camel.getRoute("evaluation-body-b")).isNotNull();
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(published.tagged(Topics.ASSESSMENT, "NEWYAML")).hasSize(expected.totalEvents());
            assertThat(published.tagged(Topics.REJECTED, "NEWYAML")).hasSize(expected.totalRejects());
        });
        List<ConsumerRecord<String, byte[]>> events = published.tagged(Topics.ASSESSMENT, "NEWYAML");
        assertThat(events).allMatch(r -> PublishedEvents.header(r, "ce_source").equals("/sources/evaluation-body-b"));
        assertThat(events).allMatch(r -> PublishedEvents.json(r).get("evaluationBody").asText()
                .equals("工业和信息化部教育与考试中心"));
    }
}
