package cn.henan.skillshub.sources.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RecordRejected;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.simulator.evaluation.BodySpellings;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulator;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
import cn.henan.skillshub.simulator.sftp.CeecCsv;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv;
import cn.henan.skillshub.simulator.sftp.InboxWriter;
import cn.henan.skillshub.sources.rest.PublishedEvents;
import cn.henan.skillshub.support.HubIntegrationTest;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The two bodies added by YAML alone (routes/evaluation-body-ict-rest.yaml, routes/evaluation-body-ceec-sftp.yaml),
 * end to end through the real HTTP simulator and the real SFTP server: each record, in the body's own spelling,
 * becomes exactly the event (same ce_id, key and value) or the reject (same reason) that the hand-written
 * evaluation-body mapper gives for the same record in the canonical spelling.
 */
@HubIntegrationTest
class NewEvaluationBodiesIntegrationTests {

    @Autowired
    EvaluationBodySimulators bodies;
    @Autowired
    InboxWriter writer;
    @Autowired
    ReferenceData reference;
    @Autowired
    EvaluationBodyRecordMapper handWritten;
    @Autowired
    RecordPipeline pipeline;
    @Autowired
    CheckpointStore checkpoints;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void bodyIctOverRestPagedByOffsetGivesWhatTheHandWrittenMapperGives() {
        EvaluationBodySimulator body = bodies.body("body-ict");
        body.write(260, "ICTE2E"); // three pages of 100
        List<Map<String, Object>> canonical = body.records().offsetPage(null, 0, 100_000).records().stream()
                .filter(r -> r.get("record_id").toString().contains("ICTE2E")).map(NewEvaluationBodiesIntegrationTests::asJsonReadsIt)
                .toList();
        Expected expected = expected(canonical, "evaluation-body-ict", "/sources/evaluation-body-ict");

        assertPublished("ICTE2E", expected, "/sources/evaluation-body-ict");
        var checkpoint = checkpoints.committed("evaluation-body-ict").orElseThrow();
        assertThat(checkpoint.position()).containsEntry("pageToken", "");
        assertThat(expected.rejects).containsKeys(RejectReason.INVALID_ID_NUMBER);
        assertThat(expected.types).containsKeys(EventType.ASSESSMENT_RESULT_RECORDED, EventType.CERTIFICATE_ISSUED);
    }

    @Test
    void bodyCeecBySftpInItsOwnLayoutAndGb18030GivesWhatTheHandWrittenMapperGives() throws Exception {
        EvaluationBodyCsv csv = new EvaluationBodyCsv(16, "CEECE2E", BodySpellings.CEEC_NAME,
                reference.occupations().stream().map(Occupation::code).toList(), 0.0);
        StringWriter canonicalCsv = new StringWriter();
        csv.write(canonicalCsv, 80);
        for (EvaluationBodyCsv.BadLine bad : List.of(EvaluationBodyCsv.BadLine.INVALID_ID_NUMBER,
                EvaluationBodyCsv.BadLine.UNKNOWN_OCCUPATION, EvaluationBodyCsv.BadLine.SCORE_OUT_OF_RANGE,
                EvaluationBodyCsv.BadLine.MISSING_CERTIFICATE_NO)) {
            canonicalCsv.write(csv.badLine(bad));
        }
        CeecCsv.Translated file = CeecCsv.translate(canonicalCsv.toString(), reference);
        assertThat(file.text()).contains("䶮");
        assertThat(Charset.forName("GBK").newEncoder().canEncode("䶮")).isFalse();
        Expected expected = expected(file.canonical(), "evaluation-sftp.ceec", "/sources/evaluation-bodies/ceec");

        writer.dropBytes("ceec/inbox", "CEECE2E.csv", file.bytes(), true);

        assertPublished("CEECE2E", expected, "/sources/evaluation-bodies/ceec");
        assertThat(expected.rejects).containsOnlyKeys(RejectReason.INVALID_ID_NUMBER, RejectReason.UNKNOWN_OCCUPATION,
                RejectReason.MALFORMED_RECORD, RejectReason.MISSING_FIELD);
    }

    /**
     * A canonical record as the hub's REST client reads it from JSON, where a decimal loses its trailing zeros
     * (Jackson's tree model strips them: 88.0 arrives as 88) — read here exactly as RestPageClient reads a page.
     */
    private static Map<String, Object> asJsonReadsIt(Map<String, Object> record) {
        var json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        Map<String, Object> read = new java.util.LinkedHashMap<>();
        try {
            json.readTree(json.writeValueAsString(record)).fields().forEachRemaining(field -> {
                var node = field.getValue();
                read.put(field.getKey(), node.isNull() ? null : node.isBoolean() ? node.booleanValue()
                        : node.isNumber() ? node.decimalValue() : node.asText());
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return read;
    }

    /** What the hand-written mapper makes of the canonical records: events by ce_id, rejects by reason. */
    private Expected expected(List<Map<String, Object>> canonical, String sourceId, String sourceSystem) {
        Expected expected = new Expected();
        for (Map<String, Object> record : canonical) {
            RecordOutcome outcome = pipeline.process(new SourceRecord(sourceId, sourceSystem, "p", record), handWritten);
            if (outcome instanceof RecordOutcome.Rejected rejected) {
                expected.rejects.merge(((RecordRejected) rejected.event().data()).reasonCode(), 1, Integer::sum);
            } else {
                var kafka = outcome.toRecord();
                expected.events.put(outcome.event().id(), kafka.key() + " " + new String(kafka.value(),
                        StandardCharsets.UTF_8));
                expected.types.merge(outcome.event().type(), 1, Integer::sum);
            }
        }
        assertThat(expected.events).isNotEmpty();
        return expected;
    }

    private void assertPublished(String tag, Expected expected, String ceSource) {
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        int total = expected.events.size() + expected.rejects.values().stream().mapToInt(Integer::intValue).sum();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                published.tagged(Topics.ASSESSMENT, tag).size() + published.tagged(Topics.REJECTED, tag).size())
                .isEqualTo(total));
        List<ConsumerRecord<String, byte[]>> events = published.tagged(Topics.ASSESSMENT, tag);
        Map<String, String> actual = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> event : events) {
            assertThat(PublishedEvents.header(event, "ce_source")).isEqualTo(ceSource);
            actual.put(PublishedEvents.header(event, "ce_id"), event.key() + " " + new String(event.value(),
                    StandardCharsets.UTF_8));
        }
        assertThat(actual).isEqualTo(new TreeMap<>(expected.events));
        assertThat(PublishedEvents.byReason(published.tagged(Topics.REJECTED, tag))).isEqualTo(expected.rejects);
        for (ConsumerRecord<String, byte[]> reject : published.tagged(Topics.REJECTED, tag)) {
            String value = new String(reject.value(), StandardCharsets.UTF_8);
            assertThat(value).doesNotContainPattern("\\d{17}[\\dX]");
        }
    }

    private static final class Expected {
        final Map<String, String> events = new TreeMap<>();
        final Map<RejectReason, Integer> rejects = new EnumMap<>(RejectReason.class);
        final Map<EventType, Integer> types = new EnumMap<>(EventType.class);
    }
}
