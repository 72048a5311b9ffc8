package cn.henan.skillshub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The table {@code audit.audit_record}: appended to, read, never changed (Flyway V15_1; a trigger refuses it). */
@Repository
class AuditTrail {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record. {@code parameters}: the query's parameters and a small JSON body. */
    record AuditRecord(long id, Instant at, String caller, String roles, String method, String path, String target,
                       Map<String, Object> parameters, int status, String outcome) {
    }

    record Page(List<AuditRecord> records, int page, int size, long total) {
    }

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void append(String caller, String roles, String method, String path, String target,
                Map<String, Object> parameters, int status, String outcome) {
        jdbc.update("INSERT INTO audit.audit_record (caller, roles, method, path, target, parameters, status, outcome)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)", caller, roles, method, path, target, json(parameters),
                status, outcome);
    }

    /** Newest first; every filter optional; {@code target} matches a record whose target begins with it. */
    Page find(Instant from, Instant to, String caller, String target, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            where.append(" AND at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" AND at < ?");
            args.add(Timestamp.from(to));
        }
        if (caller != null) {
            where.append(" AND caller = ?");
            args.add(caller);
        }
        if (target != null) {
            where.append(" AND starts_with(target, ?)");
            args.add(target);
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit.audit_record" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AuditRecord> records = jdbc.query("SELECT id, at, caller, roles, method, path, target, parameters::text,"
                + " status, outcome FROM audit.audit_record" + where + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                (rs, n) -> new AuditRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), map(rs.getString(8)),
                        rs.getInt(9), rs.getString(10)), pageArgs.toArray());
        return new Page(records, page, size, total == null ? 0 : total);
    }

    private static String json(Map<String, Object> parameters) {
        try {
            return JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
