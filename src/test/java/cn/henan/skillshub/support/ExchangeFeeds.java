package cn.henan.skillshub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.runtime.CheckpointStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real-name training system's four feeds in the test JVM's exchange schema, and the wait most tests of a
 * running hub begin with: until every feed's committed checkpoint stands at its table's last row.
 */
public final class ExchangeFeeds {

    public static final String ENROLMENTS = "realname-training.enrolments";
    /** Each feed's source id and the table that drives it. */
    public static final Map<String, String> FEED_TABLES = Map.of(
            "realname-training.classes", "training_class",
            ENROLMENTS, "enrolment",
            "realname-training.hours", "training_hours",
            "realname-training.completions", "completion");

    private final JdbcTemplate jdbc;
    private final CheckpointStore checkpoints;
    private final String schema;

    public ExchangeFeeds(DataSource exchange, CheckpointStore checkpoints, String schema) {
        this.jdbc = new JdbcTemplate(exchange);
        this.checkpoints = checkpoints;
        this.schema = schema;
    }

    /** The exchange database, for a test's own reads and writes of its rows. */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The schema the simulators write, qualified table names being {@code schema + "." + table}. */
    public String schema() {
        return schema;
    }

    /** Every feed's committed checkpoint stands at its driving table's last row. */
    public void awaitDrained() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (Map.Entry<String, String> feed : FEED_TABLES.entrySet()) {
                List<Long> last = jdbc.queryForList("SELECT id FROM " + schema + "." + feed.getValue()
                        + " ORDER BY updated_at DESC, id DESC LIMIT 1", Long.class);
                String committedId = checkpoints.committed(feed.getKey()).map(c -> c.position().get("id")).orElse("none");
                assertThat(committedId).as(feed.getKey()).isEqualTo(last.isEmpty() ? "none" : last.get(0).toString());
            }
        });
    }
}
