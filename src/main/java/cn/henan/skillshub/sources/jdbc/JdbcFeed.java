package cn.henan.skillshub.sources.jdbc;

import cn.henan.skillshub.runtime.SourceRoute;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What is read of a {@code jdbc-keyset-poll} source's feed beside its live poll, with the route's own parameters (feed, data
 * source): the rows of a time window for a backfill, one row for a replay, the oldest row not yet published for
 * the lag. Positions are written exactly as the live poll writes them ({@code updatedAt#id}), so a reject found
 * again has the same id.
 */
final class JdbcFeed {

    static final String UPDATED_AT = "updatedAt";
    static final String ID = "id";
    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,127}");

    private final String feed;
    private final JdbcTemplate jdbc;

    JdbcFeed(SourceRoute source, DataSource dataSource) {
        // The feed name comes from a reviewed YAML file, not from a request; checked anyway, as it is spliced in.
        this.feed = source.parameter("feed");
        if (feed == null || !SQL_NAME.matcher(feed).matches()) {
            throw new IllegalStateException("source " + source.routeId() + ": feed '" + feed + "' is not a table name");
        }
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A keyset cursor: the live poll's checkpoint position, or the start of a window. */
    record Cursor(Instant updatedAt, long id) {

        static final Cursor BEGINNING = new Cursor(Instant.EPOCH, 0);

        /** The cursor of a checkpoint's position, if it is one. */
        static Optional<Cursor> ofPosition(Map<String, String> position) {
            if (!position.containsKey(UPDATED_AT) || !position.containsKey(ID)) {
                return Optional.empty();
            }
            return Optional.of(new Cursor(Instant.parse(position.get(UPDATED_AT)), Long.parseLong(position.get(ID))));
        }

        /** A record's position as the live poll writes it: {@code updatedAt#id}. */
        static Cursor parse(String position) {
            int hash = position.lastIndexOf('#');
            if (hash < 0) {
                throw new IllegalArgumentException("position '" + position + "' is not of the form updatedAt#id");
            }
            return new Cursor(Instant.parse(position.substring(0, hash)), Long.parseLong(position.substring(hash + 1)));
        }

        /** The cursor of a row of the feed: its {@code (updated_at, id)}. */
        static Cursor ofRow(Map<String, Object> row) {
            Object updatedAt = row.get("updated_at");
            Instant instant = updatedAt instanceof Timestamp ts ? ts.toInstant()
                    : updatedAt instanceof OffsetDateTime odt ? odt.toInstant()
                    : Instant.parse(String.valueOf(updatedAt));
            return new Cursor(instant, Long.parseLong(String.valueOf(row.get("id"))));
        }

        Map<String, String> asPosition() {
            return Map.of(UPDATED_AT, updatedAt.toString(), ID, String.valueOf(id));
        }

        String asText() {
            return updatedAt + "#" + id;
        }

        boolean isAfter(Cursor other) {
            int byTime = updatedAt.compareTo(other.updatedAt);
            return byTime > 0 || byTime == 0 && id > other.id;
        }
    }

    /** Rows after {@code after}, up to and including {@code upTo}, with updated_at before {@code to}. */
    List<Map<String, Object>> window(Cursor after, Cursor upTo, Instant to, int limit) {
        return jdbc.queryForList("SELECT * FROM " + feed
                        + " WHERE (updated_at, id) > (?, ?) AND (updated_at, id) <= (?, ?) AND updated_at < ?"
                        + " ORDER BY updated_at, id LIMIT ?",
                utc(after.updatedAt()), after.id(), utc(upTo.updatedAt()), upTo.id(), utc(to), limit);
    }

    /** The rows the live poll reads next after {@code after}: the template's query, with its delay window. */
    List<Map<String, Object>> next(Cursor after, String delayWindow, int limit) {
        return jdbc.queryForList("SELECT * FROM " + feed + " WHERE (updated_at, id) > (?, ?)"
                        + " AND updated_at < now() - CAST(? AS interval) ORDER BY updated_at, id LIMIT ?",
                utc(after.updatedAt()), after.id(), delayWindow, limit);
    }

    Optional<Map<String, Object>> row(long id) {
        return jdbc.queryForList("SELECT * FROM " + feed + " WHERE id = ?", id).stream().findFirst();
    }

    /** The updated_at of the oldest row the live poll has not published yet, if any. */
    Optional<Instant> oldestPending(Cursor checkpoint) {
        Timestamp oldest = jdbc.queryForObject("SELECT min(updated_at) FROM " + feed
                + " WHERE (updated_at, id) > (?, ?)", Timestamp.class, utc(checkpoint.updatedAt()), checkpoint.id());
        return Optional.ofNullable(oldest).map(Timestamp::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
