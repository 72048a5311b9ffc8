package cn.henan.skillshub.reference;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.kafka.KafkaConnection;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import cn.henan.skillshub.support.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * New reference versions from the provincial platform: accepted and in force, kept on skills.reference.v1 so a
 * hub starting later has them; an overlapping or malformed version refused with a clear 4xx. The new versions
 * lie in 2030 so that no other test's dates see them.
 */
@HubIntegrationTest
class ReferenceVersionsIntegrationTests {

    /** Annex 3 as printed: the next period keeps the plan's figures. */
    private static final String[][] ANNEX_3 = {
            {"2-02-10-09", "64", "2040", "80", "3020", "80", "3380"},
            {"2-02-10-10", "128", "2252", "128", "2444", "160", "3703"},
            {"2-02-10-11", "128", "2639", "128", "3023", "160", "4379"},
            {"2-02-10-12", "160", "2515", "160", "2995", "192", "4089"},
            {"2-02-30-11", "60", "1577", "90", "2444", "120", "3491"},
            {"2-02-07-13", "90", "2084", "90", "2759", "80", "3362"},
            {"2-02-10-13", "90", "1880", "120", "2747", "120", "3287"},
            {"2-02-10-14", "120", "2513", "100", "2918", "100", "3668"},
            {"2-02-10-15", "80", "1849", "64", "2069", "64", "3509"},
            {"2-02-09-06", "128", "2267", "128", "2459", "160", "3478"}};

    @Autowired
    ReferenceData reference;
    @Autowired
    KafkaConnection kafka;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @LocalServerPort
    int port;
    HubApi api;

    @BeforeEach
    void api() {
        api = new HubApi(port);
    }

    static String annex3Version(String validFrom, String validTo) {
        String[] levels = {"初级", "中级", "高级"};
        String cells = java.util.Arrays.stream(ANNEX_3).flatMap(row -> java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> "{\"occupationCode\":\"" + row[0] + "\",\"level\":\"" + levels[i]
                        + "\",\"requiredHours\":" + row[1 + 2 * i] + ",\"subsidyYuan\":" + row[2 + 2 * i] + "}"))
                .collect(Collectors.joining(","));
        return "{\"validFrom\":\"" + validFrom + "\",\"validTo\":\"" + validTo + "\",\"cells\":[" + cells + "]}";
    }

    @Test
    void aNewSubsidyStandardVersionIsAcceptedPutInForceAndKeptOnTheTopic() {
        assertThat(reference.standardInForce("2-02-10-09", Level.JUNIOR, LocalDate.of(2030, 6, 1))).isEmpty();

        HttpResponse<String> response = api.put("/api/v1/reference/subsidy-standards/2030-01-01",
                TestApiKeys.PLATFORM, annex3Version("2030-01-01", "2030-12-31"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(HubApi.json(response).get("items").asInt()).isEqualTo(30);
        assertThat(HubApi.json(response).get("topic").asText()).isEqualTo(Topics.REFERENCE);
        SubsidyStandard cell = reference.standardInForce("2-02-10-09", Level.JUNIOR, LocalDate.of(2030, 6, 1))
                .orElseThrow();
        assertThat(cell.version()).isEqualTo("2030-01-01");
        assertThat(cell.subsidyYuan()).isEqualTo(2040);
        assertThat(reference.standardInForce("2-02-10-15", Level.SENIOR, LocalDate.of(2030, 12, 31))
                .orElseThrow().subsidyYuan()).isEqualTo(3509);
        assertThat(new TopicReader(bootstrapServers).readAll(Topics.REFERENCE))
                .extracting(r -> r.key()).contains("subsidy-standards/2030-01-01");
        // The public reference data shows the new period too.
        JsonNode published = HubApi.json(api.get("/api/v1/reference/subsidy-standards", null));
        assertThat(published.findValuesAsText("validFrom")).contains("2030-01-01");

        // The same version again is refused: a published version is never changed.
        HttpResponse<String> again = api.put("/api/v1/reference/subsidy-standards/2030-01-01",
                TestApiKeys.PLATFORM, annex3Version("2030-01-01", "2030-12-31"));
        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void aVersionOverlappingTheStandardInForceIsRefusedWith409AndNotPublished() {
        HttpResponse<String> response = api.put("/api/v1/reference/subsidy-standards/2025-10-01",
                TestApiKeys.PLATFORM, annex3Version("2025-10-01", "2026-09-30"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(HubApi.json(response).get("detail").asText())
                .contains("overlaps version 2025-03-24 (2025-03-24..2025-12-31)");
        assertThat(new TopicReader(bootstrapServers).readAll(Topics.REFERENCE))
                .extracting(r -> r.key()).doesNotContain("subsidy-standards/2025-10-01");
        assertThat(reference.standardInForce("2-02-10-09", Level.JUNIOR, LocalDate.of(2025, 11, 1))
                .orElseThrow().version()).isEqualTo("2025-03-24");
    }

    @Test
    void aMalformedVersionIsRefusedWithAClearMessage() {
        assertThat(api.put("/api/v1/reference/subsidy-standards/2031-01-01", TestApiKeys.PLATFORM,
                annex3Version("2031-12-31", "2031-01-01")).body()).contains("validTo 2031-01-01 is before validFrom");
        HttpResponse<String> unknownOccupation = api.put("/api/v1/reference/subsidy-standards/2031-01-01",
                TestApiKeys.PLATFORM, annex3Version("2031-01-01", "2031-12-31").replace("2-02-09-06", "9-99-99-99"));
        assertThat(unknownOccupation.statusCode()).isEqualTo(422);
        assertThat(HubApi.json(unknownOccupation).get("detail").asText()).contains("9-99-99-99");
        assertThat(api.put("/api/v1/reference/subsidy-standards/bad%20id", TestApiKeys.PLATFORM,
                annex3Version("2031-01-01", "2031-12-31")).statusCode()).isEqualTo(400);
        assertThat(reference.standardInForce("2-02-10-09", Level.JUNIOR, LocalDate.of(2031, 6, 1))).isEmpty();
    }

    @Test
    void aNewInstitutionCatalogueVersionIsAcceptedAndAnOverlappingOneRefused() {
        assertThat(reference.inCatalogue("河南师范大学", "2-02-10-09", LocalDate.of(2030, 6, 1))).isFalse();
        String nextPeriod = """
                {"validFrom": "2030-01-01", "validTo": "2032-12-31", "institutions": [
                  {"name": "河南师范大学", "occupations": [{"occupationCode": "2-02-10-09", "batch": "SECOND"}]},
                  {"name": "河南理工大学", "cityCode": "410800",
                   "occupations": [{"occupationCode": "2-02-07-13", "batch": "SECOND"}]}]}""";

        HttpResponse<String> accepted = api.put("/api/v1/reference/institutions/2030-01-01", TestApiKeys.PLATFORM,
                nextPeriod);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(reference.inCatalogue("河南师范大学", "2-02-10-09", LocalDate.of(2030, 6, 1))).isTrue();
        assertThat(reference.inCatalogue("河南理工大学", "2-02-07-13", LocalDate.of(2032, 12, 31))).isTrue();
        assertThat(reference.inCatalogue("河南师范大学", "2-02-10-09", LocalDate.of(2029, 6, 1))).isFalse();
        assertThat(reference.institutionCatalogueVersions()).contains("2030-01-01");

        String overlapping = """
                {"validFrom": "2027-01-01", "validTo": "2029-12-31", "institutions": [
                  {"name": "郑州大学", "occupations": [{"occupationCode": "2-02-10-09", "batch": "SECOND"}]}]}""";
        HttpResponse<String> refused = api.put("/api/v1/reference/institutions/2027-01-01", TestApiKeys.PLATFORM,
                overlapping);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(HubApi.json(refused).get("detail").asText()).contains("郑州大学").contains("overlaps");

        String wrongCity = """
                {"validFrom": "2033-01-01", "validTo": "2033-12-31", "institutions": [
                  {"name": "郑州大学", "cityCode": "410300",
                   "occupations": [{"occupationCode": "2-02-10-09", "batch": "SECOND"}]}]}""";
        assertThat(api.put("/api/v1/reference/institutions/2033-01-01", TestApiKeys.PLATFORM, wrongCity).statusCode())
                .isEqualTo(409);
        String newWithoutCity = """
                {"validFrom": "2033-01-01", "validTo": "2033-12-31", "institutions": [
                  {"name": "某新培训机构", "occupations": [{"occupationCode": "2-02-10-09", "batch": "SECOND"}]}]}""";
        assertThat(api.put("/api/v1/reference/institutions/2033-01-01", TestApiKeys.PLATFORM, newWithoutCity)
                .statusCode()).isEqualTo(422);
    }

    @Test
    void aHubStartingLaterReadsEveryPublishedVersionFromTheTopic() {
        api.put("/api/v1/reference/subsidy-standards/2034-01-01", TestApiKeys.PLATFORM,
                annex3Version("2034-01-01", "2034-12-31"));
        api.put("/api/v1/reference/institutions/2034-01-01", TestApiKeys.PLATFORM, """
                {"validFrom": "2034-01-01", "validTo": "2036-12-31", "institutions": [
                  {"name": "河南科技大学", "occupations": [{"occupationCode": "2-02-10-11", "batch": "SECOND"}]}]}""");

        ReferenceData fresh = new ReferenceData();
        ReferenceVersions versions = new ReferenceVersions(fresh, kafka);
        versions.start();
        try {
            assertThat(fresh.standardInForce("2-02-10-11", Level.SENIOR, LocalDate.of(2034, 3, 1))
                    .orElseThrow().subsidyYuan()).isEqualTo(4379);
            assertThat(fresh.inCatalogue("河南科技大学", "2-02-10-11", LocalDate.of(2035, 1, 1))).isTrue();
            assertThat(fresh.subsidyStandards().stream().map(SubsidyStandard::version).distinct().toList())
                    .containsAll(List.of("2025-03-24", "2034-01-01"));
        } finally {
            versions.stop();
        }
    }
}
