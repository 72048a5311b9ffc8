package cn.henan.skillshub.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Authentication and roles on every endpoint, table-driven: each endpoint with no key, a wrong key and a key of
 * each role. The calls that are allowed aim at nothing (an unknown source, an empty version), so they change
 * nothing and answer 404 or 400 — what matters here is that they are not 401 or 403.
 */
@HubIntegrationTest
class ApiSecurityIntegrationTests {

    private static final Set<Role> PUBLIC = null;
    private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);
    private static final String WINDOW = "{\"from\":\"2025-01-01T00:00:00Z\",\"to\":\"2025-01-02T00:00:00Z\"}";

    record Endpoint(String method, String path, String body, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET", "/api/v1/reference/occupations", null, PUBLIC),
                new Endpoint("GET", "/api/v1/reference/subsidy-standards", null, PUBLIC),
                new Endpoint("PUT", "/api/v1/reference/subsidy-standards/x", "{}", EnumSet.of(Role.PLATFORM)),
                new Endpoint("PUT", "/api/v1/reference/institutions/x", "{}", EnumSet.of(Role.PLATFORM)),
                new Endpoint("GET", "/api/v1/sources", null, ANY_ROLE),
                new Endpoint("GET", "/api/v1/sources/no-such-source", null, ANY_ROLE),
                new Endpoint("POST", "/api/v1/sources/no-such-source/pause", null, EnumSet.of(Role.OPS)),
                new Endpoint("POST", "/api/v1/sources/no-such-source/resume", null, EnumSet.of(Role.OPS)),
                new Endpoint("POST", "/api/v1/sources/no-such-source/backfill", WINDOW,
                        EnumSet.of(Role.PLATFORM, Role.OPS)),
                new Endpoint("GET", "/api/v1/rejections", null, ANY_ROLE),
                new Endpoint("GET", "/api/v1/rejections/no-such-rejection", null, ANY_ROLE),
                new Endpoint("POST", "/api/v1/rejections/no-such-rejection/replay", null, EnumSet.of(Role.OPS)),
                new Endpoint("GET", "/api/v1/settlement/summary", null, ANY_ROLE),
                new Endpoint("GET", "/api/v1/settlement/claims", null, ANY_ROLE),
                new Endpoint("GET", "/api/v1/settlement/claims/summary", null, ANY_ROLE),
                new Endpoint("GET", "/api/v1/settlement/parked", null, ANY_ROLE),
                new Endpoint("GET", "/api/v1/supervision/findings", null, ANY_ROLE),
                new Endpoint("GET", "/api/v1/supervision/findings/summary", null, ANY_ROLE),
                new Endpoint("POST", "/api/v1/settlement/parked/no.such.topic/0/0/replay", null, EnumSet.of(Role.OPS)),
                new Endpoint("GET", "/api/v1/me", null, ANY_ROLE),
                new Endpoint("GET", "/actuator/health", null, PUBLIC),
                new Endpoint("GET", "/actuator/health/liveness", null, PUBLIC),
                new Endpoint("GET", "/actuator/health/readiness", null, PUBLIC),
                new Endpoint("GET", "/actuator/prometheus", null, EnumSet.of(Role.OPS)),
                new Endpoint("GET", "/actuator/metrics", null, EnumSet.of(Role.OPS)),
                new Endpoint("GET", "/actuator/info", null, EnumSet.of(Role.OPS)),
                new Endpoint("GET", "/v3/api-docs", null, PUBLIC),
                new Endpoint("GET", "/ops", null, PUBLIC),
                new Endpoint("GET", "/ops/console.js", null, PUBLIC));
    }

    static Stream<Arguments> everyEndpointWithEveryKindOfCaller() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            cases.add(Arguments.of(endpoint, "no key", null, endpoint.allowed() == null ? 0 : 401));
            // A wrong key is refused even where no key is needed: the caller must learn that its key is bad.
            cases.add(Arguments.of(endpoint, "wrong key", "skh_not-a-key-of-this-hub", 401));
            cases.add(Arguments.of(endpoint, "PLATFORM", TestApiKeys.PLATFORM, expected(endpoint, Role.PLATFORM)));
            cases.add(Arguments.of(endpoint, "OPS", TestApiKeys.OPS, expected(endpoint, Role.OPS)));
            cases.add(Arguments.of(endpoint, "AUDITOR", TestApiKeys.AUDITOR, expected(endpoint, Role.AUDITOR)));
        }
        return cases.stream();
    }

    /** 0: neither 401 nor 403 (the call reaches the endpoint). */
    private static int expected(Endpoint endpoint, Role role) {
        return endpoint.allowed() == null || endpoint.allowed().contains(role) ? 0 : 403;
    }

    @LocalServerPort
    int port;
    HubApi api;

    @BeforeEach
    void api() {
        api = new HubApi(port);
    }

    @ParameterizedTest(name = "{0} as {1} → {3}")
    @MethodSource("everyEndpointWithEveryKindOfCaller")
    void everyEndpointAnswersItsCallerByRole(Endpoint endpoint, String caller, String key, int expected) {
        HttpResponse<String> response = endpoint.path().equals("/actuator/prometheus")
                ? api.getText(endpoint.path(), key) : api.call(endpoint.method(), endpoint.path(), key, endpoint.body());
        if (expected == 0) {
            assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403);
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = HubApi.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(expected);
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (expected == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"skills-hub\"");
        }
    }

    @Test
    void aKeyWithTwoRolesMayDoWhatEitherMay() {
        assertThat(api.post("/api/v1/sources/no-such-source/pause", TestApiKeys.OPS_AND_PLATFORM, null).statusCode())
                .isEqualTo(404);
        assertThat(api.put("/api/v1/reference/institutions/x", TestApiKeys.OPS_AND_PLATFORM, "{}").statusCode())
                .isEqualTo(400);
        JsonNode me = HubApi.json(api.get("/api/v1/me", TestApiKeys.OPS_AND_PLATFORM));
        assertThat(me.get("name").asText()).isEqualTo("test-ops-platform");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("OPS", "PLATFORM");
    }

    @Test
    void aMalformedBodyIsA400ThatNamesNoInternals() {
        HttpResponse<String> response = api.put("/api/v1/reference/subsidy-standards/2031-01-01", TestApiKeys.PLATFORM,
                "{\"validFrom\": \"2031-02-30\", \"cells\": [");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception", "at cn.", "at org.", "jackson");
        assertThat(HubApi.json(response).get("detail").asText()).contains("not valid JSON");
    }

    @Test
    void anInvalidBodyIsA400ListingTheFields() {
        HttpResponse<String> response = api.put("/api/v1/reference/subsidy-standards/2031-01-01", TestApiKeys.PLATFORM,
                "{\"validFrom\": \"2031-01-01\", \"cells\": [{\"occupationCode\": \"2-02-10-09\", \"level\": \"初级\","
                        + " \"requiredHours\": -64}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(HubApi.json(response).get("errors")).extracting(JsonNode::asText).contains(
                "validTo: must not be null", "cells[0].requiredHours: must be greater than 0",
                "cells[0].subsidyYuan: must not be null");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() {
        String huge = "{\"pad\": \"" + "x".repeat(300 * 1024) + "\"}";
        HttpResponse<String> response = api.put("/api/v1/reference/subsidy-standards/2031-01-01", TestApiKeys.PLATFORM,
                huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(HubApi.json(response).get("detail").asText()).contains("exceeds");
    }

    @Test
    void theOpenApiDocumentDescribesTheOpsAndPlatformApi() {
        JsonNode doc = HubApi.json(api.get("/v3/api-docs", null));
        assertThat(doc.get("paths").fieldNames()).toIterable().contains("/api/v1/sources",
                "/api/v1/sources/{id}/pause", "/api/v1/sources/{id}/resume", "/api/v1/sources/{id}/backfill",
                "/api/v1/rejections", "/api/v1/rejections/{id}/replay", "/api/v1/settlement/claims",
                "/api/v1/settlement/claims/summary", "/api/v1/settlement/parked",
                "/api/v1/settlement/parked/{topic}/{partition}/{offset}/replay",
                "/api/v1/reference/subsidy-standards/{version}", "/api/v1/reference/institutions/{version}");
        assertThat(doc.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
    }
}
