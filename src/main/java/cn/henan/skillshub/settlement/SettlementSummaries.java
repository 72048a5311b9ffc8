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
