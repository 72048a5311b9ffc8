package cn.henan.skillshub.sources.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulator;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.sources.rest.PublishedEvents;
import cn.henan.skillshub.support.HubIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Evaluation body A end to end: simulator → real HTTP on the test server → rest-page-poll → Kafka, read back
 * {@code read_committed}: every record one event or one reject, none twice, schemas respected.
 */
@HubIntegrationTest
class EvaluationBodyRestSourceIntegrationTests {

    @Autowired
    EvaluationBodySimulators bodies;
    @Autowired
    CheckpointStore checkpoints;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void everyRecordOfTheBodyBecomesExactlyOneEventOrOneRejectWithItsReason() {
        EvaluationBodySimulator body = bodies.body("body-a");
        ExpectedOutcomes expected = body.write(450, "ASMTE2E");
        PublishedEvents published = new PublishedEvents(bootstrapServers);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                published.tagged(Topics.ASSESSMENT, "ASMTE2E").size() + published.tagged(Topics.REJECTED, "ASMTE2E").size())
                .isEqualTo(expected.totalEvents() + expected.totalRejects()));

        List<ConsumerRecord<String, byte[]>> events = published.tagged(Topics.ASSESSMENT, "ASMTE2E");
        assertThat(PublishedEvents.byType(events)).isEqualTo(expected.events());
        assertThat(events.stream().map(r -> PublishedEvents.header(r, "ce_id")).distinct()).hasSize(events.size());
        assertThat(PublishedEvents.byReason(published.tagged(Topics.REJECTED, "ASMTE2E"))).isEqualTo(expected.rejects());
        assertThat(expected.totalRejects()).isPositive();
        assertThat(expected.events()).containsKeys(EventType.ASSESSMENT_RESULT_RECORDED, EventType.CERTIFICATE_ISSUED,
                EventType.CERTIFICATE_REVOKED);

        long flagged = events.stream().filter(r -> PublishedEvents.json(r).path("complianceFlags").toString()
                .contains(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART.name())).count();
        assertThat((int) flagged).isEqualTo(expected.flags().getOrDefault(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART, 0));

        for (ConsumerRecord<String, byte[]> event : events) {
            assertThat(PublishedEvents.header(event, "ce_source")).isEqualTo("/sources/evaluation-body-a");
            assertThat(event.key()).startsWith("pk-");
            assertThat(PublishedEvents.schemaViolations(event)).as(PublishedEvents.header(event, "ce_type")).isEmpty();
        }
        var checkpoint = checkpoints.committed("evaluation-body-a").orElseThrow();
        assertThat(checkpoint.recordsRead()).isEqualTo(checkpoint.eventsPublished() + checkpoint.recordsRejected());
        assertThat(checkpoint.position()).containsKeys("updatedSince", "pageToken");
    }
}
