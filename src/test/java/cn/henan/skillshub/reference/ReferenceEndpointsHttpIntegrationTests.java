package cn.henan.skillshub.reference;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The public reference endpoints over real HTTP on the running hub, without credentials. */
@HubIntegrationTest
class ReferenceEndpointsHttpIntegrationTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void subsidyStandardsAnswerAnnexThreeWithoutCredentials() throws Exception {
        // Annex 3's 30 cells; other tests of the shared context may publish later versions (PUT, ops package).
        JsonNode standards = get("/api/v1/reference/subsidy-standards");
        assertThat(standards).filteredOn(cell -> cell.get("validFrom").asText().equals("2025-03-24")).hasSize(30);
        JsonNode bigDataSenior = null;
        for (JsonNode cell : standards) {
            if (cell.get("occupationCode").asText().equals("2-02-10-11") && cell.get("level").asText().equals("SENIOR")
                    && cell.get("validFrom").asText().equals("2025-03-24")) {
                bigDataSenior = cell;
            }
        }
        assertThat(bigDataSenior).isNotNull();
        assertThat(bigDataSenior.get("occupationName").asText()).isEqualTo("大数据工程技术人员");
        assertThat(bigDataSenior.get("requiredHours").asInt()).isEqualTo(160);
        assertThat(bigDataSenior.get("subsidyYuan").asInt()).isEqualTo(4379);
        assertThat(bigDataSenior.get("validFrom").asText()).isEqualTo("2025-03-24");
        assertThat(bigDataSenior.get("validTo").asText()).isEqualTo("2025-12-31");
    }

    @Test
    void institutionsAndOccupationsAnswerWithoutCredentials() throws Exception {
        assertThat(get("/api/v1/reference/institutions")).hasSize(9);
        assertThat(get("/api/v1/reference/occupations")).hasSize(10);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
