package cn.henan.skillshub.settlement;

import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.reference.SubsidyStandard;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The claims as they stand, with why they wait: each claim joined with its completion, its level certificate and
 * its latest decision. For a held claim the yuan it waits for are estimated at the last standard of its
 * occupation and level (no standard is in force on its day, by definition): what would be paid if the next
 * version kept the amounts.
 */
@Repository
class WaitingClaims {

    /** One claim, as the claims endpoint lists it. */
    record WaitingClaim(long claimId, String status, List<String> reasons, String waitingFor, String personKey,
                        String occupationCode, String level, String enrolmentNo, String trainingCertificateNo,
                        String levelCertificateNo, String institutionName, String cityCode, LocalDate completedOn,
                        LocalDate levelCertificateIssuedOn, LocalDate claimArisesOn, Integer amountYuan,
                        Integer yuanAtLastStandard, String lastStandardVersion, OffsetDateTime decidedAt) {
    }

    /** Claims of one status, city and reason: their count and the yuan at the last standard. */
    record Group(String status, String cityCode, String reason, long claims, long yuanAtLastStandard) {
    }

    private static final String FROM = """
            FROM settlement.claim c
            JOIN settlement.training_completion t ON t.enrolment_no = c.enrolment_no
            LEFT JOIN settlement.level_certificate lc
                   ON lc.evaluation_body = c.level_evaluation_body AND lc.certificate_no = c.level_certificate_no
            LEFT JOIN LATERAL (SELECT d.reason_codes, d.decided_at FROM settlement.decision d
                               WHERE d.claim_id = c.claim_id ORDER BY d.decision_id DESC LIMIT 1) d ON true
            WHERE (CAST(:status AS text) IS NULL OR c.status = CAST(:status AS text))
              AND (CAST(:city AS text) IS NULL OR coalesce(c.city_code, t.institution_city_code) = CAST(:city AS text))
              AND (CAST(:reason AS text) IS NULL OR CAST(:reason AS text) = ANY (d.reason_codes))
            """;

    private final JdbcClient jdbc;
    private final ReferenceData reference;

    WaitingClaims(JdbcClient jdbc, ReferenceData reference) {
        this.jdbc = jdbc;
        this.reference = reference;
    }

    long count(String status, String city, String reason) {
        return jdbc.sql("SELECT count(*) " + FROM).param("status", status).param("city", city).param("reason", reason)
                .query(Long.class).single();
    }

    List<WaitingClaim> page(String status, String city, String reason, int page, int size) {
        return jdbc.sql("""
                        SELECT c.claim_id, c.status, c.person_key, c.occupation_code, c.level, c.enrolment_no,
                               t.training_certificate_no, c.level_certificate_no, t.institution_name,
                               coalesce(c.city_code, t.institution_city_code) AS city_code, t.completed_on,
                               lc.issued_on, c.amount_yuan, d.reason_codes, d.decided_at
                        """ + FROM + " ORDER BY c.claim_id LIMIT :size OFFSET :offset")
                .param("status", status).param("city", city).param("reason", reason)
                .param("size", size).param("offset", (long) page * size)
                .query(this::claim).list();
    }

    /** Every claim that waits (PENDING, HELD) or was rejected, grouped by status, city and reason. */
    List<Group> groups() {
        record Row(String status, String city, String reason, String occupationCode, String level, LocalDate arises,
                   long claims) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT c.status, coalesce(c.city_code, t.institution_city_code) AS city,
                               coalesce(r.reason, '') AS reason, c.occupation_code, c.level,
                               greatest(t.completed_on, lc.issued_on) AS arises, count(*) AS claims
                        FROM settlement.claim c
                        JOIN settlement.training_completion t ON t.enrolment_no = c.enrolment_no
                        LEFT JOIN settlement.level_certificate lc
                               ON lc.evaluation_body = c.level_evaluation_body AND lc.certificate_no = c.level_certificate_no
                        LEFT JOIN LATERAL (SELECT d.reason_codes FROM settlement.decision d
                                           WHERE d.claim_id = c.claim_id ORDER BY d.decision_id DESC LIMIT 1) d ON true
                        LEFT JOIN LATERAL unnest(d.reason_codes) AS r(reason) ON true
                        WHERE c.status IN ('PENDING', 'HELD', 'REJECTED')
                        GROUP BY 1, 2, 3, 4, 5, 6""")
                .query((rs, n) -> new Row(rs.getString("status"), rs.getString("city"), rs.getString("reason"),
                        rs.getString("occupation_code"), rs.getString("level"),
                        rs.getObject("arises", LocalDate.class), rs.getLong("claims"))).list();
        java.util.Map<List<String>, long[]> totals = new java.util.TreeMap<>(Comparator.comparing(Object::toString));
        for (Row r : rows) {
            long[] t = totals.computeIfAbsent(List.of(r.status(), r.city() == null ? "" : r.city(), r.reason()),
                    k -> new long[2]);
            t[0] += r.claims();
            if ("HELD".equals(r.status())) {
                t[1] += r.claims() * lastStandard(r.occupationCode(), r.level(), r.arises())
                        .map(SubsidyStandard::subsidyYuan).orElse(0);
            }
        }
        return totals.entrySet().stream().map(e -> new Group(e.getKey().get(0),
                e.getKey().get(1).isEmpty() ? null : e.getKey().get(1),
                e.getKey().get(2).isEmpty() ? null : e.getKey().get(2), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** The standard of this cell that was last in force before {@code date} (any, if date is unknown). */
    Optional<SubsidyStandard> lastStandard(String occupationCode, String level, LocalDate date) {
        Level l = Level.valueOf(level);
        return reference.subsidyStandards().stream()
                .filter(s -> s.occupationCode().equals(occupationCode) && s.level() == l)
                .filter(s -> date == null || !s.validFrom().isAfter(date))
                .max(Comparator.comparing(SubsidyStandard::validTo));
    }

    private WaitingClaim claim(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("status");
        LocalDate completedOn = rs.getObject("completed_on", LocalDate.class);
        LocalDate issuedOn = rs.getObject("issued_on", LocalDate.class);
        LocalDate arises = issuedOn == null ? null : issuedOn.isAfter(completedOn) ? issuedOn : completedOn;
        Optional<SubsidyStandard> last = "HELD".equals(status)
                ? lastStandard(rs.getString("occupation_code"), rs.getString("level"), arises) : Optional.empty();
        Integer amount = (Integer) rs.getObject("amount_yuan");
        return new WaitingClaim(rs.getLong("claim_id"), status, strings(rs.getArray("reason_codes")),
                waitingFor(status, arises), rs.getString("person_key"), rs.getString("occupation_code"),
                rs.getString("level"), rs.getString("enrolment_no"), rs.getString("training_certificate_no"),
                rs.getString("level_certificate_no"), rs.getString("institution_name"), rs.getString("city_code"),
                completedOn, issuedOn, arises, amount, last.map(SubsidyStandard::subsidyYuan).orElse(null),
                last.map(SubsidyStandard::version).orElse(null), rs.getObject("decided_at", OffsetDateTime.class));
    }

    /** The fact a waiting claim waits for, in words. */
    static String waitingFor(String status, LocalDate arises) {
        return switch (status) {
            case "PENDING" -> "a valid level certificate of the same person, occupation and level (专业技术等级证书)";
            case "HELD" -> "a subsidy-standard version in force on " + arises + " (Annex 3 was on trial until 2025-12-31)";
            default -> null;
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
