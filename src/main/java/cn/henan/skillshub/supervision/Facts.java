package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code supervision} tables of inputs: processed events and facts. Every method joins the caller's transaction. */
@Repository
class Facts {

    private final JdbcClient jdbc;

    Facts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One writer at a time: the consumer and the deadline sweep judge persons under this lock. */
    void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('skills-hub-supervision', 17))")
                .query((rs, n) -> 1).list();
    }

    /** Records an input event; false if it was processed before (a redelivery, a replay or a backfill). */
    boolean markProcessed(String ceId) {
        return jdbc.sql("INSERT INTO supervision.processed_event (ce_id) VALUES (:ceId) ON CONFLICT DO NOTHING")
                .param("ceId", ceId).update() == 1;
    }

    /**
     * Keeps the fact unless a newer version of the same record is held already (versions may arrive out of order
     * after a backfill); returns whether it was kept.
     */
    boolean keep(Fact fact, OffsetDateTime version, String classNo, String certificateNo, LocalDate dueOn) {
        return jdbc.sql("""
                        INSERT INTO supervision.fact (source, subject, ce_id, ce_type, version, person_key, class_no,
                                                      certificate_no, due_on, due_checked, data)
                        VALUES (:source, :subject, :ceId, :ceType, :version, :personKey, :classNo, :certificateNo,
                                :dueOn, false, CAST(:data AS jsonb))
                        ON CONFLICT (source, subject, ce_type) DO UPDATE SET ce_id = EXCLUDED.ce_id,
                            version = EXCLUDED.version, person_key = EXCLUDED.person_key, class_no = EXCLUDED.class_no,
                            certificate_no = EXCLUDED.certificate_no, due_on = EXCLUDED.due_on, due_checked = false,
                            data = EXCLUDED.data
                        WHERE supervision.fact.version < EXCLUDED.version""")
                .param("source", fact.source()).param("subject", fact.subject()).param("ceId", fact.ceId())
                .param("ceType", fact.type().ceType()).param("version", version).param("personKey", fact.personKey())
                .param("classNo", classNo).param("certificateNo", certificateNo).param("dueOn", dueOn)
                .param("data", json(fact.data())).update() == 1;
    }

    List<Fact> ofPerson(String personKey) {
        return jdbc.sql("SELECT * FROM supervision.fact WHERE person_key = :key ORDER BY source, subject, ce_type")
                .param("key", personKey).query(Facts::fact).list();
    }

    /** The filed plans of these classes ({@code plan-filed}, keyed by class). */
    List<Fact> plansOf(Collection<String> classNos) {
        if (classNos.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM supervision.fact WHERE class_no IN (:classes) AND ce_type = :type"
                        + " ORDER BY source, subject")
                .param("classes", classNos).param("type", EventType.TRAINING_PLAN_FILED.ceType())
                .query(Facts::fact).list();
    }

    /** Completions and CE registrations, of anyone, that name these training certificates. */
    List<Fact> namingCertificates(Collection<String> certificateNos) {
        if (certificateNos.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM supervision.fact WHERE certificate_no IN (:certificates)"
                        + " ORDER BY source, subject, ce_type")
                .param("certificates", certificateNos).query(Facts::fact).list();
    }

    /** CE cancellations of these registrations (subject {@code cancellation/<id>}), of anyone. */
    List<Fact> cancellationsOf(Collection<String> registrationIds) {
        if (registrationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM supervision.fact WHERE ce_type = :type AND subject IN (:subjects)")
                .param("type", EventType.CE_HOURS_CANCELLED.ceType())
                .param("subjects", registrationIds.stream().map(id -> "cancellation/" + id).toList())
                .query(Facts::fact).list();
    }

    /** The persons whose facts name this class (to be judged again when its plan arrives). */
    List<String> personsInClass(String classNo) {
        return jdbc.sql("SELECT DISTINCT person_key FROM supervision.fact WHERE person_key IS NOT NULL"
                        + " AND class_no = :classNo").param("classNo", classNo).query(String.class).list();
    }

    /** The persons whose facts name this training certificate (its trainee, its registrants). */
    List<String> personsNamingCertificate(String certificateNo) {
        return jdbc.sql("SELECT DISTINCT person_key FROM supervision.fact WHERE person_key IS NOT NULL"
                        + " AND certificate_no = :certificateNo").param("certificateNo", certificateNo)
                .query(String.class).list();
    }

    /** The persons with a check that has fallen due by {@code today} and was not looked at since. */
    List<String> dueBy(LocalDate today, int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT person_key FROM supervision.fact
                        WHERE NOT due_checked AND due_on <= :today AND person_key IS NOT NULL LIMIT :limit""")
                .param("today", today).param("limit", limit).query(String.class).list();
    }

    void markDueChecked(String personKey, LocalDate today) {
        jdbc.sql("UPDATE supervision.fact SET due_checked = true WHERE person_key = :key AND due_on <= :today")
                .param("key", personKey).param("today", today).update();
    }

    private static Fact fact(ResultSet rs, int row) throws SQLException {
        try {
            return new Fact(rs.getString("source"), rs.getString("subject"), rs.getString("ce_id"),
                    EventType.ofCeType(rs.getString("ce_type")), rs.getString("person_key"),
                    EventJson.mapper().readTree(rs.getString("data")));
        } catch (JsonProcessingException e) {
            throw new SQLException("supervision.fact " + rs.getString("ce_id") + " holds no JSON", e);
        }
    }

    private static String json(JsonNode data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
