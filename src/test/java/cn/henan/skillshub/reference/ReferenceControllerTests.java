package cn.henan.skillshub.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.henan.skillshub.api.ApiSecurity;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The JSON of the reference endpoints, cell by cell, against the tables of {@link ReferenceDataTests}.
 */
@WebMvcTest(ReferenceController.class)
class ReferenceControllerTests {

    /**
     * Own configuration, so the slice neither depends on nor starts the application's other beans. No
     * {@code @EnableAutoConfiguration}: {@code @WebMvcTest} already imports the MVC auto-configuration and
     * switches general auto-configuration off. The application's security rules are imported so that the slice
     * checks the reference data is public under them, not under Spring Boot's default lock-down.
     */
    @SpringBootConfiguration
    @Import({ReferenceController.class, ReferenceData.class, ApiSecurity.class})
    static class Config {
    }

    private static final TypeReference<List<Map<String, Object>>> LIST_OF_OBJECTS = new TypeReference<>() {
    };

    @Autowired
    MockMvc mvc;

    // Not the application's mapper: the test reads the body as any client would.
    private final ObjectMapper json = new ObjectMapper();

    private List<Map<String, Object>> getList(String path) throws Exception {
        String body = mvc.perform(get(path).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readValue(body, LIST_OF_OBJECTS);
    }

    @ParameterizedTest(name = "{0} {2}: {3} h, {4} yuan")
    @CsvSource(textBlock = ReferenceDataTests.ANNEX_3)
    void subsidyStandardCell(String name, String code, String level, int hours, int yuan) throws Exception {
        String levelName = Level.parse(level).name();
        assertThat(getList("/api/v1/reference/subsidy-standards"))
                .filteredOn(s -> code.equals(s.get("occupationCode")) && levelName.equals(s.get("level")))
                .singleElement()
                .isEqualTo(Map.of(
                        "occupationCode", code,
                        "occupationName", name,
                        "level", levelName,
                        "requiredHours", hours,
                        "subsidyYuan", yuan,
                        "validFrom", "2025-03-24",
                        "validTo", "2025-12-31"));
    }

    @Test
    void subsidyStandardsHaveThirtyCells() throws Exception {
        assertThat(getList("/api/v1/reference/subsidy-standards")).hasSize(30);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(textBlock = ReferenceDataTests.ANNEX_2)
    void institutionEntry(String institution, String field, String batch) throws Exception {
        Map<String, Object> found = getList("/api/v1/reference/institutions").stream()
                .filter(i -> institution.equals(i.get("name")))
                .findFirst().orElseThrow();
        assertThat(found).containsOnlyKeys("name", "cityCode", "occupations");
        assertThat(found.get("cityCode")).isEqualTo(ReferenceDataTests.INSTITUTION_CITY.get(institution));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> occupations = (List<Map<String, Object>>) found.get("occupations");
        assertThat(occupations)
                .filteredOn(o -> ReferenceDataTests.FIELD_TO_CODE.get(field).equals(o.get("occupationCode")))
                .singleElement()
                .isEqualTo(Map.of("occupationCode", ReferenceDataTests.FIELD_TO_CODE.get(field),
                        "batch", ReferenceDataTests.batch(batch).name()));
    }

    @Test
    void institutionsHaveExactlyTheAnnex2Entries() throws Exception {
        List<Map<String, Object>> institutions = getList("/api/v1/reference/institutions");
        assertThat(institutions).extracting(i -> i.get("name"))
                .containsExactlyInAnyOrderElementsOf(ReferenceDataTests.INSTITUTION_CITY.keySet());
        assertThat(institutions)
                .flatMap(i -> (List<?>) i.get("occupations"))
                .hasSize(ReferenceDataTests.annex2Rows().size());
    }

    @Test
    void occupations() throws Exception {
        List<Map<String, Object>> occupations = getList("/api/v1/reference/occupations");
        List<Map<String, Object>> expected = ReferenceDataTests.ANNEX_3.lines()
                .filter(l -> !l.isBlank())
                .map(l -> l.split(","))
                .filter(r -> r[2].strip().equals("初级"))
                .map(r -> Map.<String, Object>of("code", r[1].strip(), "name", r[0].strip(),
                        "code2022", ReferenceDataTests.CODE_TO_2022.get(r[1].strip())))
                .toList();
        assertThat(expected).hasSize(10);
        assertThat(occupations).containsExactlyElementsOf(expected);
    }

    @Test
    void cities() throws Exception {
        List<Map<String, Object>> cities = getList("/api/v1/reference/cities");
        assertThat(cities).hasSize(18).allSatisfy(c -> assertThat(c.keySet()).isEqualTo(Set.of("code", "name")));
        assertThat(cities).contains(Map.of("code", "410100", "name", "郑州市"), Map.of("code", "410300", "name", "洛阳市"),
                Map.of("code", "410700", "name", "新乡市"), Map.of("code", "410800", "name", "焦作市"),
                Map.of("code", "411500", "name", "信阳市"), Map.of("code", "419001", "name", "济源示范区"));
    }
}
