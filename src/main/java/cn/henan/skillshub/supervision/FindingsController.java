package cn.henan.skillshub.supervision;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.events.SupervisionFinding;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The findings for supervisors: the raised ones counted by institution, rule and month, and listed by rule and
 * status, paged. Errors are problem+json naming the parameter.
 */
@RestController
@RequestMapping(path = "/api/v1/supervision/findings", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = "skillshub.supervision.enabled", havingValue = "true", matchIfMissing = true)
class FindingsController {

    private static final int MAX_SIZE = 500;

    private final Findings findings;
    private final JdbcClient jdbc;

    FindingsController(Findings findings, JdbcClient jdbc) {
        this.findings = findings;
        this.jdbc = jdbc;
    }

    record Counted(String institutionName, String rule, String planRule, String clause, String month, long findings) {
    }

    record Finding(String findingId, String status, int revision, String rule, String planRule, String clause,
                   String severity, String personKey, String institutionName, String occupationCode, String level,
                   List<String> facts, String detail, java.time.OffsetDateTime firstFoundAt,
                   java.time.OffsetDateTime updatedAt) {
    }

    record Page(String rule, String status, int page, int size, long total, List<Finding> findings) {
    }

    @Operation(summary = "Raised supervision findings counted by institution, rule and month (China Standard Time)")
    @GetMapping("/summary")
    List<Counted> summary() {
        return findings.summary().stream().map(FindingsController::counted).toList();
    }

    @Operation(summary = "Supervision findings by rule and status (RAISED, RETRACTED), newest first, paged")
    @GetMapping
    Page list(@RequestParam(required = false) String rule, @RequestParam(required = false) String status,
              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        String r = rule == null ? null : rule.toUpperCase(Locale.ROOT);
        if (r != null && Arrays.stream(SupervisionFinding.Rule.values()).noneMatch(v -> v.name().equals(r))) {
            throw ApiProblem.badRequest("rule must be one of " + Arrays.toString(SupervisionFinding.Rule.values()));
        }
        String s = status == null ? null : status.toUpperCase(Locale.ROOT);
        if (s != null && Arrays.stream(SupervisionFinding.Status.values()).noneMatch(v -> v.name().equals(s))) {
            throw ApiProblem.badRequest("status must be one of " + Arrays.toString(SupervisionFinding.Status.values()));
        }
        if (page < 0) {
            throw ApiProblem.badRequest("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblem.badRequest("size must be 1.." + MAX_SIZE);
        }
        String where = " WHERE (CAST(:rule AS text) IS NULL OR rule = CAST(:rule AS text))"
                + " AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS text))";
        long total = jdbc.sql("SELECT count(*) FROM supervision.finding" + where).param("rule", r).param("status", s)
                .query(Long.class).single();
        List<Finding> rows = jdbc.sql("SELECT * FROM supervision.finding" + where
                        + " ORDER BY updated_at DESC, finding_id LIMIT :size OFFSET :offset")
                .param("rule", r).param("status", s).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new Finding(rs.getString("finding_id"), rs.getString("status"), rs.getInt("revision"),
                        rs.getString("rule"), rs.getString("plan_rule"), rs.getString("clause"),
                        rs.getString("severity"), rs.getString("person_key"), rs.getString("institution_name"),
                        rs.getString("occupation_code"), rs.getString("level"),
                        Arrays.asList((String[]) rs.getArray("facts").getArray()), rs.getString("detail"),
                        rs.getObject("first_found_at", java.time.OffsetDateTime.class),
                        rs.getObject("updated_at", java.time.OffsetDateTime.class))).list();
        return new Page(r, s, page, size, total, rows);
    }

    private static Counted counted(Map<String, Object> row) {
        String institution = (String) row.get("institution");
        return new Counted(institution == null || institution.isEmpty() ? null : institution, (String) row.get("rule"),
                (String) row.get("plan_rule"), (String) row.get("clause"), (String) row.get("month"),
                ((Number) row.get("findings")).longValue());
    }
}
