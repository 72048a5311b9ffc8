package cn.henan.skillshub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The calls this test makes — a pause and a resume, a replay of a reject that is not there, a key without the role,
 * a key the hub does not know — are in the audit trail, with who, when, what and the outcome; AUDITOR reads them
 * filtered by time, caller and target, a page at a time; nobody changes them, through the API or the database.
 */
@HubIntegrationTest
class AuditTrailIntegrationTests {

    static final String SOURCE = "realname-training.classes";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyStateChangingCallAndEveryRefusedKeyIsRecorded_auditorReadsThemFilteredAndPaged() {
        HubApi api = new HubApi(port);
        Instant from = Instant.now().minusMillis(1);
        assertThat(api.post("/api/v1/sources/" + SOURCE + "/pause", TestApiKeys.OPS, null).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/sources/" + SOURCE + "/resume", TestApiKeys.OPS, null).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/rejections/no-such-reject/replay", TestApiKeys.OPS, null).statusCode())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/sources/" + SOURCE + "/pause", TestApiKeys.AUDITOR, null).statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/sources", "skh_a-key-nobody-issued").statusCode()).isEqualTo(401);

        JsonNode ops = page(api, "?caller=test-ops&from=" + from);
        List<String> calls = new ArrayList<>();
        ops.get("records").forEach(r -> calls.add(r.get("method").asText() + " " + r.get("target").asText() + " "
                + r.get("status").asInt() + " " + r.get("outcome").asText()));
        assertThat(calls).containsExactly(
                "POST rejections/no-such-reject/replay 404 failed",
                "POST sources/" + SOURCE + "/resume 200 done",
                "POST sources/" + SOURCE + "/pause 200 done");
        JsonNode newest = ops.get("records").get(0);
        assertThat(newest.get("roles").asText()).isEqualTo("OPS");
        assertThat(Instant.parse(newest.get("at").asText())).isAfterOrEqualTo(from);

        JsonNode refused = page(api, "?caller=test-auditor&target=sources/&from=" + from).get("records");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).get("status").asInt()).isEqualTo(403);
        assertThat(refused.get(0).get("outcome").asText()).isEqualTo("refused");
        JsonNode unknown = page(api, "?caller=unknown key&from=" + from).get("records");
        assertThat(unknown).hasSize(1);
        assertThat(unknown.get(0).get("target").asText()).isEqualTo("sources");

        JsonNode first = page(api, "?from=" + from + "&size=2&page=0");
        JsonNode second = page(api, "?from=" + from + "&size=2&page=1");
        assertThat(first.get("total").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(first.get("records")).hasSize(2);
        assertThat(second.get("records").get(0).get("id").asLong())
                .isLessThan(first.get("records").get(1).get("id").asLong());
        assertThat(HubApi.json(api.get("/api/v1/audit?from=" + Instant.now().plusSeconds(60), TestApiKeys.AUDITOR))
                .get("records")).isEmpty();
    }

    @Test
    void onlyAuditorReads_andNoRecordCanBeChangedOrDeleted() {
        HubApi api = new HubApi(port);
        assertThat(api.get("/api/v1/audit", TestApiKeys.OPS).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit", TestApiKeys.PLATFORM).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit", null).statusCode()).isEqualTo(401);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            int status = api.call(method, "/api/v1/audit", TestApiKeys.AUDITOR, "{}").statusCode();
            assertThat(status).as(method).isIn(403, 405);
        }
        assertThat(api.get("/api/v1/audit?size=0", TestApiKeys.AUDITOR).statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> jdbc.update("UPDATE audit.audit_record SET caller = 'someone else'"))
                .hasMessageContaining("audit records are kept as written");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit.audit_record"))
                .hasMessageContaining("audit records are kept as written");
    }

    private static JsonNode page(HubApi api, String query) {
        var response = api.get("/api/v1/audit" + query.replace(" ", "%20"), TestApiKeys.AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return HubApi.json(response);
    }
}
