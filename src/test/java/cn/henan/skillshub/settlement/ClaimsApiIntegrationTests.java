package cn.henan.skillshub.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.settlement.SettlementInputs.Trainee;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What waits, visible: {@code GET /api/v1/settlement/claims} and its summary, and the parked events with their
 * replay, against the real broker and PostgreSQL. 数字化管理师 (2-02-30-11) intermediate: Annex 3 requires 90 hours
 * and pays 2444 yuan.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimsApiIntegrationTests {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String DIGITAL_MANAGEMENT = "2-02-30-11";

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private SettlementInputs inputs;
    private HubApi api;

    @BeforeAll
    void start() {
        inputs = new SettlementInputs(bootstrapServers);
        api = new HubApi(port);
    }

    @AfterAll
    void close() {
        inputs.close();
    }

    @Test
    void aHeldClaimIsListedWithWhatItWaitsFor_andTheSummaryGivesTheYuanHeld() {
        // Both certificates in 2028: no standard is in force (Annex 3 ran until 2025-12-31).
        Trainee held = new Trainee(DIGITAL_MANAGEMENT, Level.INTERMEDIATE, 90);
        held.completedOn = LocalDate.of(2028, 6, 1);
        held.certificateIssuedOn = LocalDate.of(2028, 6, 20);
        inputs.send(held.completion());
        inputs.send(held.certificate());

        JsonNode claim = await().atMost(WITHIN).until(() -> claimOf(held, "status=HELD&city=410100&reason=NO_STANDARD_IN_FORCE"),
                c -> c != null);
        assertThat(claim.get("reasons").get(0).asText()).isEqualTo("NO_STANDARD_IN_FORCE");
        assertThat(claim.get("waitingFor").asText()).contains("2028-06-20");
        assertThat(claim.get("claimArisesOn").asText()).isEqualTo("2028-06-20");
        assertThat(claim.get("yuanAtLastStandard").asInt()).isEqualTo(2444);
        assertThat(claim.get("lastStandardVersion").asText()).isEqualTo("2025-03-24");

        JsonNode summary = HubApi.json(api.get("/api/v1/settlement/claims/summary", TestApiKeys.AUDITOR));
        assertThat(summary.get("heldClaims").asLong()).isPositive();
        assertThat(summary.get("heldYuanAtLastStandard").asLong()).isGreaterThanOrEqualTo(2444);
        assertThat(StreamSupport.stream(summary.get("byStatusCityAndReason").spliterator(), false)
                .filter(g -> "HELD".equals(g.get("status").asText()) && "410100".equals(g.path("cityCode").asText())))
                .allSatisfy(g -> assertThat(g.get("reason").asText()).isEqualTo("NO_STANDARD_IN_FORCE"))
                .isNotEmpty();
    }

    @Test
    void aClaimWithoutItsLevelCertificateIsPending_aRetiredTraineesIsRejected() {
        Trainee pending = new Trainee(DIGITAL_MANAGEMENT, Level.INTERMEDIATE, 90);
        inputs.send(pending.completion());
        JsonNode waiting = await().atMost(WITHIN).until(() -> claimOf(pending, "status=PENDING"), c -> c != null);
        assertThat(waiting.get("waitingFor").asText()).contains("level certificate");
        assertThat(waiting.get("reasons")).isEmpty();

        Trainee retired = new Trainee(DIGITAL_MANAGEMENT, Level.INTERMEDIATE, 90);
        retired.completionFlags.add(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE);
        inputs.send(retired.completion());
        inputs.send(retired.certificate());
        JsonNode rejected = await().atMost(WITHIN).until(
                () -> claimOf(retired, "status=REJECTED&reason=AT_OR_PAST_RETIREMENT_AGE"), c -> c != null);
        assertThat(rejected.get("waitingFor").isNull()).isTrue();
    }

    @Test
    void aWrongParameterIsAProblemNamingIt() {
        for (String query : new String[] {"status=WAITING", "city=999999", "reason=TOO_LATE", "size=0", "page=-1"}) {
            HttpResponse<String> response = api.get("/api/v1/settlement/claims?" + query, TestApiKeys.AUDITOR);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(HubApi.json(response).get("detail").asText()).as(query)
                    .startsWith(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void aParkedEventIsListedAndReplayedByOps() {
        // An event whose data is not JSON is parked by its position; fixed or not, OPS may replay it.
        Trainee trainee = new Trainee(DIGITAL_MANAGEMENT, Level.INTERMEDIATE, 90);
        ProducerRecord<String, byte[]> broken = cn.henan.skillshub.events.EventEnvelope.toRecord(trainee.completion());
        ProducerRecord<String, byte[]> unreadable = new ProducerRecord<>(broken.topic(), null, broken.key(),
                "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), broken.headers());
        var at = inputs.send(unreadable);
        String path = "/api/v1/settlement/parked/" + at.topic() + "/" + at.partition() + "/" + at.offset();
        JsonNode parked = await().atMost(WITHIN).until(() -> StreamSupport.stream(HubApi.json(
                        api.get("/api/v1/settlement/parked?size=500", TestApiKeys.AUDITOR)).get("parked").spliterator(), false)
                .filter(p -> p.get("offset").asLong() == at.offset() && p.get("topic").asText().equals(at.topic())
                        && p.get("partition").asInt() == at.partition()).findFirst().orElse(null), p -> p != null);
        assertThat(parked.get("reason").asText()).isEqualTo("UNREADABLE_DATA");

        assertThat(api.post(path + "/replay", TestApiKeys.AUDITOR, null).statusCode()).isEqualTo(403);
        JsonNode replayed = HubApi.json(api.post(path + "/replay", TestApiKeys.OPS, null));
        assertThat(replayed.get("parkedAgain").asBoolean()).isTrue();
        assertThat(replayed.get("reason").asText()).isEqualTo("UNREADABLE_DATA");
        assertThat(api.post("/api/v1/settlement/parked/" + at.topic() + "/" + at.partition() + "/999999999/replay",
                TestApiKeys.OPS, null).statusCode()).isEqualTo(404);
    }

    private JsonNode claimOf(Trainee trainee, String query) {
        HttpResponse<String> response = api.get("/api/v1/settlement/claims?size=500&" + query, TestApiKeys.AUDITOR);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = HubApi.json(response);
        long total = page.get("total").asLong();
        for (int p = 0; p * 500L < total; p++) {
            JsonNode claims = p == 0 ? page.get("claims") : HubApi.json(api.get(
                    "/api/v1/settlement/claims?size=500&page=" + p + "&" + query, TestApiKeys.AUDITOR)).get("claims");
            for (JsonNode c : claims) {
                if (trainee.personKey.equals(c.get("personKey").asText())) {
                    return c;
                }
            }
        }
        return null;
    }
}
