package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.SupervisionFinding;
import cn.henan.skillshub.events.SupervisionFinding.Status;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The findings and their outbox ({@code supervision.finding}, {@code supervision.finding_event}). */
@Repository
class Findings {

    /** A finding as held: its id, status and revision. */
    record Held(String findingId, Status status, int revision) {
    }

    /** One row of the outbox. */
    record Outgoing(long eventId, SupervisionFinding finding) {
    }

    private final JdbcClient jdbc;

    Findings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The findings of this person (raised or retracted), by id. */
    Map<String, Held> ofPerson(String personKey) {
        return jdbc.sql("SELECT finding_id, status, revision FROM supervision.finding WHERE person_key = :key")
                .param("key", personKey)
                .query((rs, n) -> new Held(rs.getString(1), Status.valueOf(rs.getString(2)), rs.getInt(3)))
                .list().stream().collect(Collectors.toMap(Held::findingId, h -> h));
    }

    /** Writes the finding's new state and appends it to the outbox. */
    void save(SupervisionFinding f) {
        jdbc.sql("""
                        INSERT INTO supervision.finding (finding_id, rule, plan_rule, clause, severity, person_key,
                            institution_name, occupation_code, level, facts, detail, status, revision, first_found_at,
                            updated_at)
                        VALUES (:id, :rule, :planRule, :clause, :severity, :personKey, :institution, :occupation,
                            :level, :facts, :detail, :status, :revision, :at, :at)
                        ON CONFLICT (finding_id) DO UPDATE SET facts = EXCLUDED.facts, detail = EXCLUDED.detail,
                            status = EXCLUDED.status, revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at""")
                .param("id", f.findingId()).param("rule", f.rule().name()).param("planRule", f.planRule())
                .param("clause", f.clause()).param("severity", f.severity().name()).param("personKey", f.personKey())
                .param("institution", f.institutionName()).param("occupation", f.occupationCode())
                .param("level", f.level() == null ? null : f.level().name())
                .param("facts", f.facts().toArray(String[]::new)).param("detail", f.detail())
                .param("status", f.status().name()).param("revision", f.revision()).param("at", f.foundAt())
                .update();
        jdbc.sql("INSERT INTO supervision.finding_event (finding_id, revision, payload)"
                        + " VALUES (:id, :revision, CAST(:payload AS jsonb))")
                .param("id", f.findingId()).param("revision", f.revision()).param("payload", json(f)).update();
    }

    /** The last state of a finding, as last appended to the outbox. */
    SupervisionFinding latest(String findingId) {
        return jdbc.sql("SELECT payload FROM supervision.finding_event WHERE finding_id = :id ORDER BY revision DESC"
                        + " LIMIT 1").param("id", findingId).query((rs, n) -> read(rs.getString(1))).single();
    }

    List<Outgoing> after(long eventId, int limit) {
        return jdbc.sql("SELECT event_id, payload FROM supervision.finding_event WHERE event_id > :after"
                        + " ORDER BY event_id LIMIT :limit")
                .param("after", eventId).param("limit", limit)
                .query((rs, n) -> new Outgoing(rs.getLong(1), read(rs.getString(2)))).list();
    }

    /** Counts of raised findings by institution, rule and month of first finding; and by rule alone. */
    List<Map<String, Object>> summary() {
        return jdbc.sql("""
                        SELECT coalesce(institution_name, '') AS institution, rule, plan_rule, clause,
                               to_char(first_found_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*) AS findings
                        FROM supervision.finding WHERE status = 'RAISED'
                        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 5""").query().listOfRows();
    }

    private static String json(SupervisionFinding f) {
        try {
            return EventJson.mapper().writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SupervisionFinding read(String json) {
        try {
            return EventJson.mapper().readValue(json, SupervisionFinding.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox row of supervision.finding_event is not a finding", e);
        }
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
