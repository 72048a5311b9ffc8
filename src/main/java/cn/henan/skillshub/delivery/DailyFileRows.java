package cn.henan.skillshub.delivery;

import cn.henan.skillshub.events.SubsidyDecided;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows of the daily files, in the hub's database (schema {@code delivery}): one per subscriber and
 * {@code ce_id}, so a decision read twice (a restart before its offset was committed) is one row. A row holds the
 * file's columns ({@link #COLUMNS}) — what the decision event carries, person keys and no ID number.
 */
@Component(DailyFileRows.BEAN)
class DailyFileRows {

    static final String BEAN = "dailyFileRows";
    static final String SUBSCRIBER = "deliverySubscriber";
    static final String CE_ID = "deliveryCeId";
    /** The columns of a daily file, in order. */
    static final List<String> COLUMNS = List.of("ce_id", "claim_id", "decision", "reason_codes", "person_key",
            "occupation_code", "level", "enrolment_no", "training_certificate_no", "level_certificate_no",
            "standard_version", "required_hours", "total_hours", "amount_yuan", "payment_mode", "payee_type", "payee",
            "city_code", "decided_at");
    private static final Logger log = LoggerFactory.getLogger(DailyFileRows.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One city's day of a subscriber, with how many rows it has now. */
    record Day(String subscriber, String cityCode, LocalDate day, int rows) {
    }

    private final JdbcClient jdbc;
    private final Subscribers subscribers;

    DailyFileRows(JdbcClient jdbc, Subscribers subscribers) {
        this.jdbc = jdbc;
        this.subscribers = subscribers;
    }

    /** The route's step: the decision in the exchange's body becomes its row (again: no change). */
    public void store(Exchange exchange) throws JsonProcessingException, org.apache.camel.InvalidPayloadException {
        String id = exchange.getProperty(SUBSCRIBER, String.class);
        String ceId = exchange.getProperty(CE_ID, String.class);
        SubsidyDecided decided = exchange.getMessage().getMandatoryBody(SubsidyDecided.class);
        Subscriber subscriber = subscribers.find(id).orElseThrow();
        if (decided.cityCode() == null || !inScope(subscriber, decided.cityCode())) {
            // No city pays it (PAYING_CITY_UNKNOWN) or another city's: not in this subscriber's files.
            log.debug("subscriber {}: decision {} not for its cities", id, ceId);
            return;
        }
        LocalDate day = decided.decidedAt().atZoneSameInstant(ZoneId.of(subscriber.parameter("zone"))).toLocalDate();
        jdbc.sql("""
                        INSERT INTO delivery.file_row (subscriber, ce_id, city_code, day, decided_at, claim_id, fields)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (subscriber, ce_id) DO NOTHING""")
                .params(id, ceId, decided.cityCode(), day, decided.decidedAt(), decided.claimId(),
                        JSON.writeValueAsString(fields(ceId, decided)))
                .update();
    }

    /** Days whose rows differ from what was last written, or that closed since (their .done is due). */
    List<Day> changed(String subscriber, LocalDate closedUpTo) {
        return jdbc.sql("""
                        SELECT r.city_code, r.day, count(*) AS n
                        FROM delivery.file_row r
                        LEFT JOIN delivery.daily_file f
                          ON f.subscriber = r.subscriber AND f.city_code = r.city_code AND f.day = r.day
                        WHERE r.subscriber = ?
                        GROUP BY r.city_code, r.day, f.rows_written, f.done
                        HAVING f.rows_written IS NULL OR f.rows_written <> count(*)
                            OR (NOT f.done AND r.day <= ?)
                        ORDER BY r.day, r.city_code""")
                .params(subscriber, closedUpTo)
                .query((rs, n) -> new Day(subscriber, rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3)))
                .list();
    }

    /** A day's rows, each its columns' values in order, by decision time. */
    List<List<String>> rows(Day day) {
        return jdbc.sql("""
                        SELECT fields::text FROM delivery.file_row
                        WHERE subscriber = ? AND city_code = ? AND day = ? ORDER BY decided_at, claim_id, ce_id""")
                .params(day.subscriber(), day.cityCode(), day.day())
                .query((rs, n) -> values(rs.getString(1))).list();
    }

    void written(Day day, int rows, boolean done, String sha256) {
        jdbc.sql("""
                        INSERT INTO delivery.daily_file (subscriber, city_code, day, rows_written, done, sha256, written_at)
                        VALUES (?, ?, ?, ?, ?, ?, now())
                        ON CONFLICT (subscriber, city_code, day) DO UPDATE SET rows_written = EXCLUDED.rows_written,
                            done = EXCLUDED.done, sha256 = EXCLUDED.sha256, written_at = EXCLUDED.written_at""")
                .params(day.subscriber(), day.cityCode(), day.day(), rows, done, sha256).update();
    }

    /** Rows written to files so far (the rows of the days last written), for the counts after a restart. */
    int rowsWritten(String subscriber) {
        return jdbc.sql("SELECT coalesce(sum(rows_written), 0) FROM delivery.daily_file WHERE subscriber = ?")
                .param(subscriber).query(Integer.class).single();
    }

    private static boolean inScope(Subscriber subscriber, String city) {
        String cities = subscriber.parameters().getOrDefault("cities", "");
        if (cities.isBlank()) {
            return true;
        }
        Set<String> wanted = Arrays.stream(cities.split(",")).map(String::trim).collect(Collectors.toSet());
        return wanted.contains(city);
    }

    private static Map<String, String> fields(String ceId, SubsidyDecided d) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ce_id", ceId);
        f.put("claim_id", Long.toString(d.claimId()));
        f.put("decision", text(d.decision()));
        f.put("reason_codes", d.reasonCodes() == null ? "" : d.reasonCodes().stream().map(Enum::name)
                .collect(Collectors.joining(";")));
        f.put("person_key", text(d.personKey()));
        f.put("occupation_code", text(d.occupationCode()));
        f.put("level", text(d.level()));
        f.put("enrolment_no", text(d.enrolmentNo()));
        f.put("training_certificate_no", text(d.trainingCertificateNo()));
        f.put("level_certificate_no", text(d.levelCertificateNo()));
        f.put("standard_version", text(d.standardVersion()));
        f.put("required_hours", text(d.requiredHours()));
        f.put("total_hours", d.totalHours() == null ? "" : d.totalHours().toPlainString());
        f.put("amount_yuan", text(d.amountYuan()));
        f.put("payment_mode", text(d.paymentMode()));
        f.put("payee_type", text(d.payeeType()));
        f.put("payee", text(d.payee()));
        f.put("city_code", text(d.cityCode()));
        f.put("decided_at", text(d.decidedAt()));
        return f;
    }

    private static List<String> values(String json) {
        try {
            Map<?, ?> fields = JSON.readValue(json, Map.class);
            return COLUMNS.stream().map(c -> Objects.toString(fields.get(c), "")).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored row is not JSON", e);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
