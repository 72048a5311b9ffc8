package cn.henan.skillshub.sources.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The route files handed in through the API, in the hub's database (table {@code sources.route_file}, Flyway
 * V16_1): the one store every instance of a cluster already shares, so each one applies the same files
 * (decision 43).
 */
@Component
class SourceFileStore {

    private static final Logger log = LoggerFactory.getLogger(SourceFileStore.class);

    private final JdbcTemplate jdbc;

    SourceFileStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every stored file by source id; empty while the database cannot be read (the files then run on as they are). */
    Optional<Map<String, String>> all() {
        try {
            Map<String, String> files = new LinkedHashMap<>();
            jdbc.query("SELECT source_id, yaml FROM sources.route_file ORDER BY source_id",
                    rs -> {
                        files.put(rs.getString(1), rs.getString(2));
                    });
            return Optional.of(files);
        } catch (DataAccessException e) {
            log.debug("stored route files not readable ({})", e.toString());
            return Optional.empty();
        }
    }

    Optional<String> get(String sourceId) {
        return jdbc.query("SELECT yaml FROM sources.route_file WHERE source_id = ?",
                (rs, row) -> rs.getString(1), sourceId).stream().findFirst();
    }

    void put(String sourceId, String yaml, String by) {
        jdbc.update("""
                INSERT INTO sources.route_file (source_id, yaml, updated_by) VALUES (?, ?, ?)
                ON CONFLICT (source_id) DO UPDATE SET yaml = EXCLUDED.yaml, updated_by = EXCLUDED.updated_by,
                    updated_at = now()""", sourceId, yaml, by);
    }

    boolean delete(String sourceId) {
        return jdbc.update("DELETE FROM sources.route_file WHERE source_id = ?", sourceId) > 0;
    }
}
