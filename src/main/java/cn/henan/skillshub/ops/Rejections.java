package cn.henan.skillshub.ops;

import cn.henan.skillshub.events.EventJson;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the rejection index ({@code ops_rejection}) and marks a rejection replayed, once. */
@Component
class Rejections {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    Rejections(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest rejections first, filtered by whatever is given. */
    List<Rejection> find(String sourceId, String reason, Instant from, Instant to, int limit) {
        return find(sourceId, reason, from, to, limit, null);
    }

    /**
     * As {@link #find(String, String, Instant, Instant, int)}; with {@code institutions} (not null), only the rejects
     * whose record names one of them (a city's): a record that names no institution belongs to no city.
     */
    List<Rejection> find(String sourceId, String reason, Instant from, Instant to, int limit,
                         List<String> institutions) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ops_rejection WHERE true");
        List<Object> args = new ArrayList<>();
        if (institutions != null) {
            sql.append(" AND record->>'institution_name' = ANY (?)");
            args.add(institutions.toArray(String[]::new));
        }
        if (sourceId != null) {
            sql.append(" AND source_id = ?");
            args.add(sourceId);
        }
        if (reason != null) {
            sql.append(" AND reason = ?");
            args.add(reason);
        }
        if (from != null) {
            sql.append(" AND rejected_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND rejected_at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY rejected_at DESC, id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), Rejections::row, args.toArray());
    }

    Optional<Rejection> byId(String id) {
        return jdbc.query("SELECT * FROM ops_rejection WHERE id = ?", Rejections::row, id).stream().findFirst();
    }

    /**
     * Marks the rejection replayed unless it already is; true if this call marked it. Call inside the
     * transaction that publishes the replay: the row stays locked until then, so a concurrent replay waits and
     * then finds it replayed.
     */
    boolean markReplayed(String id, String by, String eventId) {
        return jdbc.update("UPDATE ops_rejection SET replayed_at = now(), replayed_by = ?, replay_event_id = ?"
                + " WHERE id = ? AND replayed_at IS NULL", by, eventId, id) == 1;
    }

    private static Rejection row(ResultSet rs, int rowNum) throws SQLException {
        Map<String, Object> record;
        try {
            record = EventJson.mapper().readValue(rs.getString("record"), MAP);
        } catch (IOException e) {
            record = Map.of();
        }
        return new Rejection(rs.getString("id"), rs.getString("source_id"), rs.getString("source_system"),
                rs.getString("position"), rs.getString("reason"), rs.getString("message"), record,
                instant(rs.getTimestamp("rejected_at")), instant(rs.getTimestamp("replayed_at")),
                rs.getString("replayed_by"), rs.getString("replay_event_id"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
