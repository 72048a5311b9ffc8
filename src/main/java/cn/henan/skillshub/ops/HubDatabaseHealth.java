package cn.henan.skillshub.ops;

import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code db}: the hub's own database (the settlement ledger, the rejection index) answers within 2 s. Only
 * that one: a source system's database (the real-name exchange) is a source, shown by {@link SourcesHealth}.
 * Replaces Spring Boot's {@code db} indicator, which would count every data source of the context.
 */
@Component("db")
class HubDatabaseHealth implements HealthIndicator {

    private final DataSource hub;

    HubDatabaseHealth(DataSource hub) {
        this.hub = hub;
    }

    @Override
    public Health health() {
        try (Connection connection = hub.getConnection()) {
            if (connection.isValid(2)) {
                return Health.up().withDetail("database", connection.getMetaData().getDatabaseProductName()).build();
            }
        } catch (Exception e) {
            // the reason is the database's to log; the answer names no class and holds no trace
        }
        return Health.down().withDetail("reason", "the hub's database does not answer").build();
    }
}
