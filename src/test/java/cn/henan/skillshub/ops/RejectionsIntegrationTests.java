package cn.henan.skillshub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.person.IdNumber;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** The rejection index (masked, filterable) and the replay of a rejected record after its source was fixed. */
@HubIntegrationTest
class RejectionsIntegrationTests {

    private static final String ENROLMENTS = ExchangeFeeds.ENROLMENTS;

    @Autowired
    Simulators simulators;
    @Autowired
    ExchangeFeeds feeds;
    @Autowired
    EvaluationBodySimulators bodies;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Autowired
    HubApi api;
    JdbcTemplate jdbc;

    /** The index outlives test runs (it is the real database): each test reads only what it rejected. */
    Instant started;

    @BeforeEach
    void api() {
        started = Instant.now().minusSeconds(1);
        jdbc = feeds.jdbc();
    }

    @Test
    void rejectsAreListedByReasonAndSourceWithPersonalFieldsMasked() {
        RealNameSimulator simulator = simulators.create("Q5REJ", 54, 0.4);
        simulator.openClasses();
        simulator.write(120);
        feeds.awaitDrained();

        List<String> idNumbers = jdbc.queryForList("SELECT id_number FROM " + feeds.schema()
                + ".enrolment WHERE enrolment_no LIKE 'BMQ5REJ%' AND id_number IS NOT NULL", String.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = api.get("/api/v1/rejections?source=" + ENROLMENTS
                    + "&reason=INVALID_ID_NUMBER&limit=500&from=" + started, TestApiKeys.AUDITOR);
            assertThat(response.statusCode()).isEqualTo(200);
            List<JsonNode> ofRun = StreamSupport.stream(HubApi.json(response).spliterator(), false)
                    .filter(r -> r.get("record").path("enrolment_no").asText().startsWith("BMQ5REJ")).toList();
            assertThat(ofRun).isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("sourceId").asText()).isEqualTo(ENROLMENTS);
                assertThat(r.get("reason").asText()).isEqualTo("INVALID_ID_NUMBER");
                assertThat(r.get("record").get("full_name").asText()).contains("*");
                assertThat(r.get("record").get("id_number").asText()).contains("*");
            });
            for (String idNumber : idNumbers) {
                assertThat(response.body()).doesNotContain(idNumber);
            }
        });
        assertThat(api.get("/api/v1/rejections?reason=NOT_A_REASON", TestApiKeys.OPS).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/rejections?limit=5000", TestApiKeys.OPS).statusCode()).isEqualTo(400);
    }

    @Test
    void aRejectionReplayedAfterTheSourceIsFixedIsPublishedOnceAndOnlyOnce() {
        RealNameSimulator simulator = simulators.create("Q5RPL", 55, 0);
        simulator.openClasses();
        String classNo = jdbc.queryForObject("SELECT class_no FROM " + feeds.schema()
                + ".training_class WHERE class_no LIKE 'BJQ5RPL%' ORDER BY id LIMIT 1", String.class);
        String valid = "41010219900307123" + IdNumber.checkCharacter("41010219900307123");
        String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        insertEnrolment("BMQ5RPL-FIXED", classNo, wrongCheck);
        insertEnrolment("BMQ5RPL-STILL", classNo, wrongCheck);
        JsonNode fixedReject = awaitRejection("BMQ5RPL-FIXED");
        JsonNode stillReject = awaitRejection("BMQ5RPL-STILL");
        String rejectionId = fixedReject.get("id").asText();

        // Replaying before the fix: still rejected, nothing published.
        HttpResponse<String> early = api.post("/api/v1/rejections/" + rejectionId + "/replay", TestApiKeys.OPS, null);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(422);
        assertThat(HubApi.json(early).get("detail").asText()).contains("INVALID_ID_NUMBER");

        // The source fixes the ID number in place (a correction that keeps the row's version).
        jdbc.update("UPDATE " + feeds.schema() + ".enrolment SET id_number = ? WHERE enrolment_no = ?", valid, "BMQ5RPL-FIXED");

        HttpResponse<String> replayed = api.post("/api/v1/rejections/" + rejectionId + "/replay", TestApiKeys.OPS, null);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        String eventId = HubApi.json(replayed).get("eventId").asText();
        assertThat(HubApi.json(replayed).get("subject").asText()).isEqualTo("enrolment/BMQ5RPL-FIXED");

        HttpResponse<String> again = api.post("/api/v1/rejections/" + rejectionId + "/replay", TestApiKeys.OPS, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(HubApi.json(again).get("detail").asText()).contains("replayed already").contains(eventId);

        List<ConsumerRecord<String, byte[]>> published = new TopicReader(bootstrapServers).readAll(Topics.TRAINING)
                .stream().filter(r -> header(r, "ce_subject").equals("enrolment/BMQ5RPL-FIXED")).toList();
        assertThat(published).hasSize(1);
        assertThat(header(published.get(0), "ce_id")).isEqualTo(eventId);
        assertThat(new String(published.get(0).value(), StandardCharsets.UTF_8)).doesNotContain(valid);
        JsonNode marked = HubApi.json(api.get("/api/v1/rejections/" + rejectionId, TestApiKeys.AUDITOR));
        assertThat(marked.get("replayEventId").asText()).isEqualTo(eventId);
        assertThat(marked.get("replayedBy").asText()).isEqualTo("test-ops");

        // The other one was not fixed: replaying it is refused and publishes nothing.
        assertThat(api.post("/api/v1/rejections/" + stillReject.get("id").asText() + "/replay", TestApiKeys.OPS, null)
                .statusCode()).isEqualTo(422);
        assertThat(new TopicReader(bootstrapServers).readAll(Topics.TRAINING).stream()
                .filter(r -> header(r, "ce_subject").equals("enrolment/BMQ5RPL-STILL"))).isEmpty();
    }

    @Test
    void aRecordFixedWithANewVersionIsLeftToTheLivePoll() {
        RealNameSimulator simulator = simulators.create("Q5NEW", 56, 0);
        simulator.openClasses();
        String classNo = jdbc.queryForObject("SELECT class_no FROM " + feeds.schema()
                + ".training_class WHERE class_no LIKE 'BJQ5NEW%' ORDER BY id LIMIT 1", String.class);
        String valid = "41030219851111002" + IdNumber.checkCharacter("41030219851111002");
        insertEnrolment("BMQ5NEW-1", classNo, valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0'));
        JsonNode reject = awaitRejection("BMQ5NEW-1");
        jdbc.update("UPDATE " + feeds.schema() + ".enrolment SET id_number = ?, updated_at = clock_timestamp()"
                + " WHERE enrolment_no = ?", valid, "BMQ5NEW-1");

        HttpResponse<String> replay = api.post("/api/v1/rejections/" + reject.get("id").asText() + "/replay",
                TestApiKeys.OPS, null);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(HubApi.json(replay).get("detail").asText()).contains("new version");
        await().atMost(Duration.ofSeconds(30)).until(() -> new TopicReader(bootstrapServers).readAll(Topics.TRAINING)
                .stream().filter(r -> header(r, "ce_subject").equals("enrolment/BMQ5NEW-1")).count() == 1);
    }

    @Test
    void aRejectionOfARestSourceIsNotReplayedAndTheAnswerSaysHowItIsCorrected() {
        String valid = "41010219900307123" + IdNumber.checkCharacter("41010219900307123");
        String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("record_type", "RESULT");
        record.put("record_id", "BODY-A-Q5REST0001");
        record.put("id_number", wrongCheck);
        bodies.body("body-a").writeRaw(record);
        JsonNode[] reject = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode list = HubApi.json(api.get("/api/v1/rejections?source=evaluation-body-a&limit=500&from="
                    + started, TestApiKeys.OPS));
            reject[0] = StreamSupport.stream(list.spliterator(), false)
                    .filter(r -> "BODY-A-Q5REST0001".equals(r.get("record").path("record_id").asText()))
                    .findFirst().orElse(null);
            assertThat(reject[0]).isNotNull();
        });

        HttpResponse<String> replay = api.post("/api/v1/rejections/" + reject[0].get("id").asText() + "/replay",
                TestApiKeys.OPS, null);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
        assertThat(HubApi.json(replay).get("detail").asText())
                .contains("rest-page-poll").contains("new version").contains("/backfill")
                .doesNotContain(wrongCheck);
    }

    private void insertEnrolment(String enrolmentNo, String classNo, String idNumber) {
        jdbc.update("INSERT INTO " + feeds.schema() + ".enrolment (enrolment_no, class_no, id_number, full_name, phone,"
                + " payment_mode, enrolled_on, updated_at) VALUES (?, ?, ?, '李娜', '13900002222',"
                + " 'INSTITUTION_ADVANCE', DATE '2025-05-01', clock_timestamp())", enrolmentNo, classNo, idNumber);
    }

    private JsonNode awaitRejection(String enrolmentNo) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode list = HubApi.json(api.get("/api/v1/rejections?source=" + ENROLMENTS + "&limit=500&from="
                    + started, TestApiKeys.OPS));
            found[0] = StreamSupport.stream(list.spliterator(), false)
                    .filter(r -> enrolmentNo.equals(r.get("record").path("enrolment_no").asText()))
                    .findFirst().orElse(null);
            assertThat(found[0]).as("rejection of " + enrolmentNo).isNotNull();
        });
        return found[0];
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
