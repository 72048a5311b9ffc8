package cn.henan.skillshub.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.settlement.SettlementInputs.Trainee;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A key of a prefecture city's HRSS bureau (here Zhengzhou's, 410100) sees the settlement summary, the claims and
 * the rejections of its city only; asking for another city is 403. A province-wide key sees every city.
 */
@HubIntegrationTest
class CityKeysIntegrationTests {

    static final String ZHENGZHOU = "410100";
    static final String LUOYANG = "410300";

    @LocalServerPort
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCityKeySeesItsCitysSummaryAndClaimsOnly_anotherCityIs403() {
        HubApi api = new HubApi(port);
        Trainee zhengzhou = new Trainee("2-02-10-11", Level.JUNIOR, 128);
        Trainee luoyang = new Trainee("2-02-10-11", Level.JUNIOR, 128);
        luoyang.institutionName = "河南科技大学";
        luoyang.institutionCityCode = LUOYANG;
        for (Trainee trainee : List.of(zhengzhou, luoyang)) {
            trainee.completedOn = LocalDate.of(2025, 6, 10);
        }
        try (SettlementInputs inputs = new SettlementInputs(bootstrapServers)) {
            for (Trainee trainee : List.of(zhengzhou, luoyang)) {
                inputs.send(trainee.completion());
                inputs.send(trainee.certificate());
            }
        }
        String month = YearMonth.now(SettlementSummaryController.CHINA).toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(enrolments(api, "/api/v1/settlement/decisions?city=" + LUOYANG + "&month=" + month,
                        TestApiKeys.AUDITOR)).contains(luoyang.enrolmentNo()));

        List<String> own = enrolments(api, "/api/v1/settlement/decisions?month=" + month, TestApiKeys.ZHENGZHOU);
        assertThat(own).contains(zhengzhou.enrolmentNo()).doesNotContain(luoyang.enrolmentNo());
        assertThat(enrolments(api, "/api/v1/settlement/decisions?city=" + ZHENGZHOU + "&month=" + month,
                TestApiKeys.ZHENGZHOU)).isEqualTo(own);
        assertForbidden(api.get("/api/v1/settlement/decisions?city=" + LUOYANG + "&month=" + month,
                TestApiKeys.ZHENGZHOU));

        JsonNode summary = HubApi.json(api.get("/api/v1/settlement/summary?month=" + month, TestApiKeys.ZHENGZHOU));
        assertThat(summary.get("city").asText()).isEqualTo(ZHENGZHOU);
        assertThat(api.get("/api/v1/settlement/summary?city=" + ZHENGZHOU + "&month=" + month, TestApiKeys.ZHENGZHOU)
                .statusCode()).isEqualTo(200);
        assertForbidden(api.get("/api/v1/settlement/summary?city=" + LUOYANG + "&month=" + month,
                TestApiKeys.ZHENGZHOU));
        assertThat(api.get("/api/v1/settlement/summary?city=" + LUOYANG + "&month=" + month, TestApiKeys.AUDITOR)
                .statusCode()).isEqualTo(200);
        // Nothing province-wide: the sources, the audit trail.
        assertForbidden(api.get("/api/v1/sources", TestApiKeys.ZHENGZHOU));
        assertForbidden(api.get("/api/v1/audit", TestApiKeys.ZHENGZHOU));
        assertThat(HubApi.json(api.get("/api/v1/me", TestApiKeys.ZHENGZHOU)).toString()).contains("test-zhengzhou");
    }

    @Test
    void aCityKeySeesTheRejectsOfItsCitysInstitutionsOnly() {
        HubApi api = new HubApi(port);
        String source = "city-keys-test-" + UUID.randomUUID();
        String ofZhengzhou = reject(source, "郑州大学");
        String ofLuoyang = reject(source, "河南科技大学");
        String ofNoInstitution = reject(source, null);

        assertThat(ids(api, "/api/v1/rejections?source=" + source, TestApiKeys.ZHENGZHOU))
                .containsExactly(ofZhengzhou);
        assertThat(ids(api, "/api/v1/rejections?source=" + source, TestApiKeys.AUDITOR))
                .containsExactlyInAnyOrder(ofZhengzhou, ofLuoyang, ofNoInstitution);
        assertThat(ids(api, "/api/v1/rejections?source=" + source + "&city=" + LUOYANG, TestApiKeys.AUDITOR))
                .containsExactly(ofLuoyang);
        assertForbidden(api.get("/api/v1/rejections?source=" + source + "&city=" + LUOYANG, TestApiKeys.ZHENGZHOU));
        assertThat(api.get("/api/v1/rejections/" + ofZhengzhou, TestApiKeys.ZHENGZHOU).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/rejections/" + ofLuoyang, TestApiKeys.ZHENGZHOU).statusCode()).isEqualTo(404);
    }

    private String reject(String source, String institution) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String record = institution == null ? "{\"certificate_no\": \"ZS-1\"}"
                : "{\"institution_name\": \"" + institution + "\", \"enrolment_no\": \"BM-1\"}";
        jdbc.update("INSERT INTO ops_rejection (id, source_id, source_system, position, reason, message, record,"
                + " rejected_at) VALUES (?, ?, '/sources/test', '1', 'MISSING_FIELD', 'a test reject', ?::jsonb, ?)",
                id, source, record, Timestamp.from(Instant.now()));
        return id;
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(HubApi.json(response).get("detail").asText()).contains("limited to city " + ZHENGZHOU);
    }

    private static List<String> enrolments(HubApi api, String path, String key) {
        HttpResponse<String> response = api.get(path, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> enrolments = new ArrayList<>();
        HubApi.json(response).forEach(claim -> enrolments.add(claim.get("enrolmentNo").asText()));
        return enrolments;
    }

    private static List<String> ids(HubApi api, String path, String key) {
        HttpResponse<String> response = api.get(path, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        HubApi.json(response).forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }
}
