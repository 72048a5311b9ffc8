package cn.henan.skillshub.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * PostgreSQL's CPU time spent for one database: the backends connected to it (pg_stat_activity), their utime +
 * stime read from {@code /proc}. The server is shared with other databases; only this one's backends are counted.
 * Each backend's latest figure is kept, so one that ends between two samples loses only its last interval.
 */
final class PostgresCpu implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement backends;
    private final Map<Long, Double> latest = new HashMap<>();

    PostgresCpu(String jdbcUrl, String user, String password, String database) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        backends = connection.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = ?");
        backends.setString(1, database);
    }

    /** CPU seconds of this database's backends since the server started them, as of now. */
    synchronized double seconds() {
        try (ResultSet rs = backends.executeQuery()) {
            while (rs.next()) {
                long pid = rs.getLong(1);
                double used = CpuTime.processSeconds(pid);
                if (used > 0) {
                    latest.merge(pid, used, Math::max);
                }
            }
        } catch (SQLException e) {
            // One sample lost; the next one counts the backends again.
        }
        return latest.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
