package cn.henan.skillshub.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every error the hub answers — its controllers', Spring's, Spring Security's firewall's and Tomcat's own — is an
 * {@code application/problem+json} document whose message names the field or what is wrong, never a Java class,
 * never a stack trace, never Tomcat's HTML page. Sent over a raw socket, so no client library tidies the request.
 */
@HubIntegrationTest
class ProblemResponsesIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @Test
    void aWrongJsonTypeNamesTheFieldAndWhatItShouldBe_notAClass() throws Exception {
        Answer answer = send("POST", "/api/v1/sources/realname-training.enrolments/backfill", TestApiKeys.OPS,
                "{\"from\": true, \"to\": \"2026-01-01T00:00:00Z\"}");
        assertProblem(answer, 400);
        assertThat(answer.json().get("detail").asText()).isEqualTo("field from: expected a date-time (RFC 3339, e.g."
                + " 2026-01-01T00:00:00Z)");

        Answer list = send("PUT", "/api/v1/reference/subsidy-standards/2099-01", TestApiKeys.PLATFORM,
                "{\"validFrom\": \"2099-01-01\", \"validTo\": \"2099-12-31\", \"cells\": [{\"occupationCode\": \"x\","
                        + " \"level\": \"初级\", \"requiredHours\": \"many\", \"subsidyYuan\": 1}]}");
        assertProblem(list, 400);
        assertThat(list.json().get("detail").asText()).isEqualTo("field cells[0].requiredHours: expected a number");

        Answer notJson = send("POST", "/api/v1/sources/realname-training.enrolments/backfill", TestApiKeys.OPS,
                "{\"from\": ");
        assertProblem(notJson, 400);
    }

    @Test
    void aWrongQueryParameterTypeNamesTheParameter() throws Exception {
        Answer answer = send("GET", "/api/v1/rejections?limit=lots", TestApiKeys.OPS, null);
        assertProblem(answer, 400);
        assertThat(answer.json().get("detail").asText()).isEqualTo("parameter limit: expected a number");
    }

    @Test
    void encodedSlashesAndPathTraversalAreRefusedWithAProblemDocument() throws Exception {
        for (String path : new String[] {"/api/v1/sources/a%2Fb", "/api/v1/sources/..%2F..%2Factuator%2Fenv",
                "/api/v1/../actuator/env", "/api/v1/sources/%2e%2e/x", "/api/v1/sources;jsessionid=1",
                "/api/v1/sources/a%5Cb"}) {
            Answer answer = send("GET", path, TestApiKeys.OPS, null);
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
            assertProblem(answer, 400);
        }
    }

    @Test
    void oversizedHeadersAndAnUnknownPathAreProblemDocumentsToo() throws Exception {
        Answer tooLarge = sendRaw("GET /api/v1/sources HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "x".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertProblem(tooLarge, 400);

        Answer unknown = send("GET", "/api/v1/no-such-thing", TestApiKeys.OPS, null);
        assertProblem(unknown, 404);
        Answer method = send("DELETE", "/api/v1/sources", TestApiKeys.OPS, null);
        assertThat(method.status()).isIn(403, 405);
        assertProblem(method, method.status());
        Answer badLine = sendRaw("GET /api/v1/sources?x=<> HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertProblem(badLine, 400);
    }

    private static void assertProblem(Answer answer, int status) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("cn.henan", "java.", "Exception", "\tat ", "<html", "Tomcat");
    }

    private Answer send(String method, String path, String key, String body) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: application/json\r\nConnection: close\r\n");
        if (key != null) {
            request.append("Authorization: Bearer ").append(key).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("\r\n");
        return sendRaw(request + (body == null ? "" : body));
    }

    private Answer sendRaw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = headersEnd < 0 ? response : response.substring(0, headersEnd);
            String body = headersEnd < 0 ? "" : response.substring(headersEnd + 4);
            int status = Integer.parseInt(head.split(" ")[1]);
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).trim()).findFirst().orElse("");
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(status, contentType, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            // sizes are bytes; the bodies here are ASCII apart from field names the test chose
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
