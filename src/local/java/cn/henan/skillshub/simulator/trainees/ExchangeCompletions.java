package cn.henan.skillshub.simulator.trainees;

import cn.henan.skillshub.reference.Level;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the completions the real-name simulator wrote into its exchange database, in the order they were written
 * ({@code (updated_at, id)}), from a cursor on. This is the simulated world's own knowledge — the evaluation bodies
 * and the CE registry know the trainees because the trainees come to them — so it reads the source tables, not the
 * hub's feed views, and it is no part of the hub.
 *
 * <p>A completion is read only once it is older than {@code lag}: by then the hub has published it, so an
 * evaluation body's certificate or a CE registration never reaches the hub before the training it rests on.
 */
public class ExchangeCompletions {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Where reading stopped: the last completion handed out. */
    public record Cursor(Instant updatedAt, long id) {
        public static final Cursor BEGINNING = new Cursor(Instant.EPOCH, 0);
    }

    /** A batch of completions, the cursor after them, and whether the limit cut it short. */
    public record Batch(List<CompletedTrainee> trainees, Cursor next, boolean more) {
    }

    private final JdbcTemplate jdbc;
    private final String schema;
    private final Duration lag;

    public ExchangeCompletions(DataSource exchange, String schema, Duration lag) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name must match " + SCHEMA_NAME + ": " + schema);
        }
        this.jdbc = new JdbcTemplate(exchange);
        this.schema = schema;
        this.lag = lag;
    }

    /** The database's clock now: a cursor from here on skips what earlier runs left in the database. */
    public Cursor now() {
        return new Cursor(jdbc.queryForObject("SELECT now()", Timestamp.class).toInstant(), Long.MAX_VALUE);
    }

    /**
     * Up to {@code limit} completions after the cursor. A completion whose enrolment, class or plan cannot be read
     * (the simulator's bad rows never complete, but another writer's might) is passed over.
     */
    public Batch after(Cursor cursor, int limit) {
        List<Row> rows = jdbc.query("""
                SELECT k.id, k.updated_at, k.enrolment_no, k.completed_on, k.certificate_no,
                       e.id_number, e.full_name, p.occupation_code, p.level,
                       coalesce(h.online_hours, 0) + coalesce(h.offline_hours, 0) AS total_hours
                  FROM %1$s.completion k
                  JOIN %1$s.enrolment e ON e.enrolment_no = k.enrolment_no
                  JOIN %1$s.training_class c ON c.class_no = e.class_no
                  JOIN %1$s.training_plan p ON p.plan_no = c.plan_no
                  LEFT JOIN %1$s.training_hours h ON h.enrolment_no = k.enrolment_no
                 WHERE (k.updated_at, k.id) > (?, ?)
                   AND k.updated_at < now() - make_interval(secs => ?)
                 ORDER BY k.updated_at, k.id
                 LIMIT ?""".formatted(schema), (rs, n) -> row(rs),
                Timestamp.from(cursor.updatedAt()), cursor.id(), lag.toMillis() / 1000.0, limit);
        List<CompletedTrainee> trainees = new ArrayList<>();
        Cursor next = cursor;
        for (Row row : rows) {
            next = new Cursor(row.updatedAt(), row.id());
            if (row.trainee() != null) {
                trainees.add(row.trainee());
            }
        }
        return new Batch(List.copyOf(trainees), next, rows.size() == limit);
    }

    private record Row(long id, Instant updatedAt, CompletedTrainee trainee) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Instant updatedAt = rs.getTimestamp("updated_at").toInstant();
        String idNumber = rs.getString("id_number");
        String occupation = rs.getString("occupation_code");
        java.sql.Date completedOn = rs.getDate("completed_on");
        String certificateNo = rs.getString("certificate_no");
        BigDecimal hours = rs.getBigDecimal("total_hours");
        Level level;
        try {
            level = Level.parse(rs.getString("level"));
        } catch (IllegalArgumentException e) {
            level = null;
        }
        if (idNumber == null || occupation == null || completedOn == null || certificateNo == null || level == null) {
            return new Row(id, updatedAt, null);
        }
        return new Row(id, updatedAt, new CompletedTrainee(rs.getString("enrolment_no"), idNumber,
                rs.getString("full_name"), occupation, level, completedOn.toLocalDate(), certificateNo, hours));
    }
}
