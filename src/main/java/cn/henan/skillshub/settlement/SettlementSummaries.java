package cn.henan.skillshub.settlement;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The summary queries over the ledger's decisions. */
@Repository
class SettlementSummaries {

    private final JdbcClient jdbc;

    SettlementSummaries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ApprovedRow(String occupationCode, String level, long count, long totalYuan) {
    }

    record Totals(List<ApprovedRow> approved, Map<String, Long> counts, long recoveryTotalYuan) {

        long countOf(String decision) {
            return counts.getOrDefault(decision, 0L);
        }
    }

    /** One decision on a claim, as a city's bureau settles it. */
    record Claim(String enrolmentNo, String personKey, String occupationCode, String level, String decision,
                 List<String> reasonCodes, Integer amountYuan, String payeeType, String payee, String cityCode,
                 java.time.Instant decidedAt) {
    }

    /** The decisions of a paying city made in [from, to), newest first. */
    List<Claim> claims(String city, OffsetDateTime from, OffsetDateTime to, int limit) {
        return jdbc.sql("""
                        SELECT enrolment_no, person_key, occupation_code, level, decision, reason_codes, amount_yuan,
                               payee_type, payee, city_code, decided_at
                        FROM settlement.decision
                        WHERE city_code = :city AND decided_at >= :from AND decided_at < :to
                        ORDER BY decided_at DESC, decision_id DESC LIMIT :limit""")
                .param("city", city).param("from", from).param("to", to).param("limit", limit)
                .query((rs, n) -> new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), List.of((String[]) rs.getArray(6).getArray()),
                        (Integer) rs.getObject(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getTimestamp(11).toInstant()))
                .list();
    }

    /** Decisions of a paying city made in [from, to). */
    Totals of(String city, OffsetDateTime from, OffsetDateTime to) {
        List<ApprovedRow> approved = jdbc.sql("""
                        SELECT occupation_code, level, count(*) AS n, sum(amount_yuan) AS total
                        FROM settlement.decision
                        WHERE city_code = :city AND decided_at >= :from AND decided_at < :to AND decision = 'APPROVED'
                        GROUP BY occupation_code, level
                        ORDER BY occupation_code, CASE level WHEN 'JUNIOR' THEN 1 WHEN 'INTERMEDIATE' THEN 2 ELSE 3 END""")
                .param("city", city).param("from", from).param("to", to)
                .query((rs, n) -> new ApprovedRow(rs.getString("occupation_code"), rs.getString("level"),
                        rs.getLong("n"), rs.getLong("total")))
                .list();
        record KindRow(String decision, long count, long total) {
        }
        List<KindRow> kinds = jdbc.sql("""
                        SELECT decision, count(*) AS n, coalesce(sum(amount_yuan), 0) AS total
                        FROM settlement.decision
                        WHERE city_code = :city AND decided_at >= :from AND decided_at < :to
                        GROUP BY decision""")
                .param("city", city).param("from", from).param("to", to)
                .query((rs, n) -> new KindRow(rs.getString("decision"), rs.getLong("n"), rs.getLong("total")))
                .list();
        Map<String, Long> counts = kinds.stream().collect(Collectors.toMap(KindRow::decision, KindRow::count));
        long recovery = kinds.stream().filter(k -> k.decision().equals("RECOVERY_REQUIRED"))
                .mapToLong(KindRow::total).sum();
        return new Totals(approved, counts, recovery);
    }
}
