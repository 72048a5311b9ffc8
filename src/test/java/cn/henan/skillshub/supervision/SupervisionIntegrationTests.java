package cn.henan.skillshub.supervision;

import static cn.henan.skillshub.supervision.SupervisionInputs.cancellation;
import static cn.henan.skillshub.supervision.SupervisionInputs.certificate;
import static cn.henan.skillshub.supervision.SupervisionInputs.completion;
import static cn.henan.skillshub.supervision.SupervisionInputs.enrolment;
import static cn.henan.skillshub.supervision.SupervisionInputs.hours;
import static cn.henan.skillshub.supervision.SupervisionInputs.newPersonKey;
import static cn.henan.skillshub.supervision.SupervisionInputs.plan;
import static cn.henan.skillshub.supervision.SupervisionInputs.registration;
import static cn.henan.skillshub.supervision.SupervisionInputs.result;
import static cn.henan.skillshub.supervision.SupervisionInputs.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventSchemas;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import cn.henan.skillshub.support.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Supervision against the real broker and the real PostgreSQL: the tests publish the sources' events themselves, in
 * the orders real sources produce (late, twice, out of order), and read {@code supervision.finding} and
 * {@code skills.supervision.findings.v1}. The dates are of 2025: today every 30-day and 90-day period is over.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisionIntegrationTests {

    private static final Duration FOUND_WITHIN = Duration.ofSeconds(30);
    private static final LocalDate COMPLETED = LocalDate.of(2025, 6, 10);
    private static final LocalDate REPORTED = LocalDate.of(2025, 6, 20);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventSchemas schemas;
    @Autowired
    SupervisionService service;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @LocalServerPort
    int port;

    private SupervisionInputs inputs;

    @BeforeAll
    void startInputs() {
        inputs = new SupervisionInputs(bootstrapServers);
    }

    @AfterAll
    void closeInputs() {
        inputs.close();
    }

    @Test
    void aLevelCertificateWithoutTrainingIsFound_andRetractedWhenTheCompletionArrivesLate() throws IOException {
        String pk = newPersonKey();
        String t = tag(pk);
        inputs.send(certificate(pk, "ZS-" + t, LocalDate.of(2025, 7, 1)));
        awaitFinding(pk, "LEVEL_CERTIFICATE_WITHOUT_TRAINING", "RAISED");

        inputs.send(completion(pk, "BM-" + t, "BJ-" + t, "PX-" + t, COMPLETED, REPORTED, "1"));
        awaitFinding(pk, "LEVEL_CERTIFICATE_WITHOUT_TRAINING", "RETRACTED");

        List<JsonNode> published = awaitPublished(pk, 2);
        assertThat(published).extracting(f -> f.get("status").asText()).containsExactly("RAISED", "RETRACTED");
        assertThat(published).extracting(f -> f.get("findingId").asText()).containsOnly(
                published.get(0).get("findingId").asText());
        assertThat(published.get(0).get("clause").asText()).isEqualTo("五(三)、七(一)");
        assertThat(published.get(0).get("severity").asText()).isEqualTo("HIGH");
    }

    @Test
    void aCertificateIssuedAndAnAssessmentHeldBeforeTheTrainingEndedAreFound_inAnyOrder() {
        String pk = newPersonKey();
        String t = tag(pk);
        inputs.send(result(pk, "CJ-" + t, LocalDate.of(2025, 6, 1)), certificate(pk, "ZS-" + t, LocalDate.of(2025, 6, 5)),
                completion(pk, "BM-" + t, "BJ-" + t, "PX-" + t, COMPLETED, REPORTED, "1"));
        awaitFinding(pk, "CERTIFICATE_BEFORE_TRAINING_ENDED", "RAISED");
        awaitFinding(pk, "ASSESSMENT_BEFORE_TRAINING_ENDED", "RAISED");
        // The certificate may be judged before the completion arrives (another topic): then it was raised and is
        // retracted by now; either way it does not stand.
        awaitNotRaised(pk, "LEVEL_CERTIFICATE_WITHOUT_TRAINING");
        assertThat(facts(pk, "CERTIFICATE_BEFORE_TRAINING_ENDED")).hasSize(2);
    }

    @Test
    void ceHoursFromAnotherPersonsCertificateForAnotherYearAreTwoFindingsOfTheRegistrant() {
        String holder = newPersonKey();
        String registrant = newPersonKey();
        String t = tag(holder);
        // The registration first: the certificate is unknown, counted, and judged again when the completion comes.
        inputs.send(registration(registrant, "DJ-" + t, 2026, "PX-" + t));
        inputs.send(completion(holder, "BM-" + t, "BJ-" + t, "PX-" + t, COMPLETED, REPORTED, "1"));
        awaitFinding(registrant, "CE_HOURS_FOR_ANOTHER_PERSON", "RAISED");
        awaitFinding(registrant, "CE_HOURS_FOR_ANOTHER_YEAR", "RAISED");
        assertThat(statuses(holder, "CE_HOURS_FOR_ANOTHER_PERSON")).isEmpty();
    }

    @Test
    void oneCertificateRegisteredTwiceIsFound_andRetractedWhenOneRegistrationIsCancelled() {
        String pk = newPersonKey();
        String t = tag(pk);
        inputs.send(completion(pk, "BM-" + t, "BJ-" + t, "PX-" + t, COMPLETED, REPORTED, "1"),
                registration(pk, "DJ1-" + t, 2025, "PX-" + t), registration(pk, "DJ2-" + t, 2025, "PX-" + t));
        awaitFinding(pk, "CE_HOURS_REGISTERED_TWICE", "RAISED");
        assertThat(statuses(pk, "CE_HOURS_FOR_ANOTHER_YEAR")).isEmpty();

        inputs.send(cancellation(pk, "DJ2-" + t, 2025));
        awaitFinding(pk, "CE_HOURS_REGISTERED_TWICE", "RETRACTED");
    }

    @Test
    void enrolmentsInTwoOverlappingClassesAreFound_evenWhenThePlansArriveAfterThem() {
        String pk = newPersonKey();
        String t = tag(pk);
        inputs.send(enrolment(pk, "BM1-" + t, "BJ1-" + t, LocalDate.of(2025, 4, 7)),
                enrolment(pk, "BM2-" + t, "BJ2-" + t, LocalDate.of(2025, 5, 1)));
        inputs.send(plan("BJ1-" + t, LocalDate.of(2025, 4, 7), LocalDate.of(2025, 5, 6), 64),
                plan("BJ2-" + t, LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 30), 64));
        awaitFinding(pk, "OVERLAPPING_ENROLMENTS", "RAISED");
        assertThat(facts(pk, "OVERLAPPING_ENROLMENTS")).hasSize(4);
    }

    @Test
    void hoursBeyondTheFiledPlansTotalAreFound() {
        String pk = newPersonKey();
        String t = tag(pk);
        // The class was filed with Annex 3's 64 hours; the hours feed's course total says 80.
        inputs.send(plan("BJ-" + t, LocalDate.of(2025, 4, 7), LocalDate.of(2025, 5, 6), 64),
                hours(pk, "BM-" + t, "BJ-" + t, 72, 80));
        awaitFinding(pk, "HOURS_BEYOND_PLAN_TOTAL", "RAISED");
    }

    @Test
    void aTraineeListNeverReportedIsFoundByThePassingOfTime() {
        String pk = newPersonKey();
        String t = tag(pk);
        // Completed 20 days ago, no list: not yet due; the sweep on the 31st day finds it.
        LocalDate completed = service.today().minusDays(20);
        inputs.send(completion(pk, "BM-" + t, "BJ-" + t, "PX-" + t, completed, null, "1"));
        await().atMost(FOUND_WITHIN).until(() -> processed(pk) > 0);
        assertThat(statuses(pk, "TRAINEE_LIST_NOT_REPORTED")).isEmpty();
        service.sweep(completed.plusDays(30), 1000);
        assertThat(statuses(pk, "TRAINEE_LIST_NOT_REPORTED")).isEmpty();
        service.sweep(completed.plusDays(31), 1000);
        assertThat(statuses(pk, "TRAINEE_LIST_NOT_REPORTED")).containsExactly("RAISED");

        // An old completion without a list is found at once.
        String old = newPersonKey();
        inputs.send(completion(old, "BM-" + tag(old), "BJ-" + tag(old), "PX-" + tag(old), COMPLETED, null, "1"));
        awaitFinding(old, "TRAINEE_LIST_NOT_REPORTED", "RAISED");
    }

    @Test
    void anEventDeliveredTwiceOrAnOlderVersionAfterANewerOneChangesNothing() throws IOException {
        String pk = newPersonKey();
        String t = tag(pk);
        CanonicalEvent reportedLate = completion(pk, "BM-" + t, "BJ-" + t, "PX-" + t, COMPLETED,
                COMPLETED.plusDays(45), "1");
        inputs.send(reportedLate, reportedLate);
        awaitFinding(pk, "TRAINEE_LIST_NOT_REPORTED", "RAISED");
        // A corrected version (reported on day 20) retracts it; the old version delivered again does not raise it.
        CanonicalEvent corrected = completion(pk, "BM-" + t, "BJ-" + t, "PX-" + t, COMPLETED, COMPLETED.plusDays(20),
                "2");
        inputs.send(corrected);
        awaitFinding(pk, "TRAINEE_LIST_NOT_REPORTED", "RETRACTED");
        inputs.send(reportedLate, corrected);
        await().atMost(FOUND_WITHIN).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM supervision.processed_event WHERE ce_id IN (?, ?)", Long.class,
                reportedLate.id(), corrected.id()) == 2);
        List<JsonNode> published = awaitPublished(pk, 2);
        assertThat(published).extracting(f -> f.get("revision").asInt()).containsExactly(1, 2);
        assertThat(statuses(pk, "TRAINEE_LIST_NOT_REPORTED")).containsExactly("RETRACTED");
    }

    @Test
    void supervisorsSeeTheFindingsCountedByInstitutionRuleAndMonth_andListedByRule() {
        String pk = newPersonKey();
        String t = tag(pk);
        inputs.send(completion(pk, "BM-" + t, "BJ-" + t, "PX-" + t, COMPLETED, null, "1"));
        awaitFinding(pk, "TRAINEE_LIST_NOT_REPORTED", "RAISED");
        HubApi api = new HubApi(port);
        JsonNode summary = HubApi.json(api.get("/api/v1/supervision/findings/summary", TestApiKeys.AUDITOR));
        assertThat(StreamSupport.stream(summary.spliterator(), false).filter(c -> "郑州大学".equals(
                c.path("institutionName").asText()) && "TRAINEE_LIST_NOT_REPORTED".equals(c.get("rule").asText())))
                .isNotEmpty().allSatisfy(c -> {
                    assertThat(c.get("clause").asText()).isEqualTo("五(二)");
                    assertThat(c.get("month").asText()).matches("\\d{4}-\\d{2}");
                    assertThat(c.get("findings").asLong()).isPositive();
                });
        JsonNode page = HubApi.json(api.get("/api/v1/supervision/findings?rule=TRAINEE_LIST_NOT_REPORTED&status=RAISED&size=500",
                TestApiKeys.AUDITOR));
        assertThat(page.get("total").asLong()).isPositive();
        HttpResponse<String> wrong = api.get("/api/v1/supervision/findings?rule=FRAUD", TestApiKeys.AUDITOR);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(HubApi.json(wrong).get("detail").asText()).startsWith("rule must be one of");
    }

    // ---- helpers ----

    private void awaitFinding(String personKey, String rule, String status) {
        await().atMost(FOUND_WITHIN).untilAsserted(() -> assertThat(statuses(personKey, rule)).contains(status));
    }

    private void awaitNotRaised(String personKey, String rule) {
        await().atMost(FOUND_WITHIN).untilAsserted(() -> assertThat(statuses(personKey, rule)).doesNotContain("RAISED"));
    }

    private List<String> statuses(String personKey, String rule) {
        return jdbc.queryForList("SELECT status FROM supervision.finding WHERE person_key = ? AND rule = ?",
                String.class, personKey, rule);
    }

    private List<String> facts(String personKey, String rule) {
        return jdbc.queryForList("SELECT unnest(facts) FROM supervision.finding WHERE person_key = ? AND rule = ?",
                String.class, personKey, rule);
    }

    private long processed(String personKey) {
        return jdbc.queryForObject("SELECT count(*) FROM supervision.fact WHERE person_key = ?", Long.class, personKey);
    }

    /** The person's findings on the topic, each checked against its schema, in order. */
    private List<JsonNode> awaitPublished(String personKey, int count) throws IOException {
        List<ConsumerRecord<String, byte[]>> records = await().atMost(FOUND_WITHIN).until(
                () -> new TopicReader(bootstrapServers).readAll(Topics.SUPERVISION_FINDINGS).stream()
                        .filter(r -> personKey.equals(r.key())).toList(), r -> r.size() >= count);
        assertThat(records).hasSize(count);
        List<JsonNode> findings = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .isEqualTo(EventType.SUPERVISION_FINDING.ceType());
            JsonNode data = EventJson.mapper().readTree(record.value());
            assertThat(schemas.violations(EventType.SUPERVISION_FINDING, data)).isEmpty();
            findings.add(data);
        }
        return findings;
    }

}
