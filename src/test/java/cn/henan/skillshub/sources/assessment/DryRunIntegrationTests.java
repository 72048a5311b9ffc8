package cn.henan.skillshub.sources.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.evaluation.BodySpellings;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code POST /api/v1/sources/dry-run}: a route file and sample records in, what each would become out, nothing
 * published; a file whose mapping would be refused is a problem+json naming the line and the field.
 */
@HubIntegrationTest
class DryRunIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ReferenceData reference;
    @LocalServerPort
    int port;
    HubApi api;

    @BeforeEach
    void api() {
        api = new HubApi(port);
    }

    @Test
    void aSampleOfANewBodyAnswersEachRecordsEventOrRejectWithItsFlags() throws Exception {
        String file = Files.readString(Path.of("routes/evaluation-body-ict-rest.yaml"));
        List<Map<String, Object>> canonical = EvaluationBodyRecords.canonical();
        Map<String, Object> flagged = BodySpellings.ict(canonical.get(2), reference); // certificate, a part failed
        Map<String, Object> unknownLevel = BodySpellings.ict(canonical.get(0), reference);
        unknownLevel.put("grade", "LEVEL_9");
        String body = JSON.writeValueAsString(Map.of("file", file, "records", List.of(flagged, unknownLevel)));

        HttpResponse<String> response = api.post("/api/v1/sources/dry-run", TestApiKeys.OPS, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = HubApi.json(response);
        assertThat(answer.get("sourceId").asText()).isEqualTo("evaluation-body-ict");
        assertThat(answer.get("published").asBoolean()).isFalse();
        JsonNode event = answer.get("results").get(0);
        assertThat(event.get("outcome").asText()).isEqualTo("event");
        assertThat(event.get("type").asText()).isEqualTo("skills.assessment.certificate-issued.v1");
        assertThat(event.get("flags").toString()).contains("CERTIFICATE_WITH_FAILED_PART");
        assertThat(event.get("data").get("evaluationBody").asText()).isEqualTo(BodySpellings.ICT_NAME);
        JsonNode reject = answer.get("results").get(1);
        assertThat(reject.get("outcome").asText()).isEqualTo("reject");
        assertThat(reject.get("reason").asText()).isEqualTo("UNKNOWN_LEVEL");
        assertThat(reject.get("message").asText()).contains("'level'", "'grade'", "LEVEL_9");
        assertThat(response.body()).doesNotContain(EvaluationBodyRecords.ID);
    }

    @Test
    void aMappingThatWouldBeRefusedIsAProblemNamingTheLineAndTheField() throws Exception {
        String file = Files.readString(Path.of("routes/evaluation-body-ict-rest.yaml"))
                .replace("            reason: revokeReason", "            grade_text: revokeReason");
        HttpResponse<String> response = api.post("/api/v1/sources/dry-run", TestApiKeys.OPS,
                JSON.writeValueAsString(Map.of("file", file, "records", List.of())));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = HubApi.json(response);
        assertThat(problem.get("reason").asText()).contains("field 'grade_text' is not a field of schema");
        int line = problem.get("line").asInt();
        assertThat(file.lines().toList().get(line - 1)).contains("grade_text");
    }

    @Test
    void onlyOperatorsMayDryRun() throws Exception {
        String body = JSON.writeValueAsString(Map.of("file", "- templatedRoute: {}", "records", List.of()));
        assertThat(api.post("/api/v1/sources/dry-run", TestApiKeys.AUDITOR, body).statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/sources/dry-run", TestApiKeys.PLATFORM, body).statusCode()).isEqualTo(403);
    }
}
