package cn.henan.skillshub.benchmark;

import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.simulator.realname.SimulatedPeople;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Writes the benchmark's source records into a real-name exchange schema of its own: the real schema script,
 * classes and plans opened by the real {@link RealNameSimulator}, and then enrolments — valid trainees of
 * {@link SimulatedPeople} — bulk-loaded with COPY, which is what makes a million rows take seconds, not minutes.
 */
public final class ExchangeLoader {

    record BenchClass(String classNo, LocalDate startsOn) {
    }

    private final PGSimpleDataSource dataSource;
    private final String schema;
    private final String prefix;
    private final Random random;
    private final SimulatedPeople people;
    private final List<BenchClass> classes = new ArrayList<>();
    private long sequence;

    public ExchangeLoader(String jdbcUrl, String user, String password, String schema, String prefix, long seed) {
        this.dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        this.schema = schema;
        this.prefix = prefix;
        this.random = new Random(seed);
        this.people = new SimulatedPeople(random);
    }

    /** Drops what an earlier run left, creates the schema and opens a class for each entry of the catalogue. */
    public void recreate(ReferenceData reference, long seed) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        RealNameSimulator simulator = new RealNameSimulator(dataSource, schema, reference, seed, 0.0, "B");
        simulator.createSchema();
        simulator.openClasses();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT class_no, starts_on FROM " + schema + ".training_class ORDER BY id")) {
            while (rs.next()) {
                classes.add(new BenchClass(rs.getString(1), rs.getDate(2).toLocalDate()));
            }
        }
    }

    /**
     * COPYs {@code count} enrolments, all valid, in one transaction. Their {@code updated_at} run from {@code from}
     * a microsecond apart: history, older than any delay window, in the order the keyset reads it.
     */
    void copyEnrolments(int count, Instant from) throws SQLException {
        String sql = "COPY " + schema + ".enrolment (enrolment_no, class_no, id_number, full_name, phone,"
                + " payment_mode, enrolled_on, updated_at) FROM STDIN (FORMAT csv)";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), sql, 1 << 20);
                 Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 20)) {
                for (int i = 0; i < count; i++) {
                    Row row = nextRow();
                    out.write(row.enrolmentNo + ',' + row.classNo + ',' + row.idNumber + ',' + row.name + ','
                            + row.phone + ',' + row.paymentMode + ',' + row.enrolledOn + ','
                            + from.plusNanos(i * 1_000L) + '\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("COPY into " + schema + ".enrolment failed", e);
            }
            c.commit();
        }
    }

    /** A connection for the trickle writer, which inserts a few rows per transaction at a steady rate. */
    TrickleWriter trickleWriter() throws SQLException {
        return new TrickleWriter(dataSource.getConnection());
    }

    final class TrickleWriter implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement insert;

        private TrickleWriter(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            this.insert = connection.prepareStatement("INSERT INTO " + schema + ".enrolment (enrolment_no, class_no,"
                    + " id_number, full_name, phone, payment_mode, enrolled_on) VALUES (?,?,?,?,?,?,?)");
        }

        /** Inserts and commits {@code count} enrolments, telling {@code beforeCommit} their numbers first. */
        int write(int count, java.util.function.Consumer<String> beforeCommit) throws SQLException {
            List<String> numbers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Row row = nextRow();
                insert.setString(1, row.enrolmentNo);
                insert.setString(2, row.classNo);
                insert.setString(3, row.idNumber);
                insert.setString(4, row.name);
                insert.setString(5, row.phone);
                insert.setString(6, row.paymentMode);
                insert.setDate(7, Date.valueOf(row.enrolledOn));
                insert.addBatch();
                numbers.add(row.enrolmentNo);
            }
            insert.executeBatch();
            numbers.forEach(beforeCommit);
            connection.commit();
            return numbers.size();
        }

        @Override
        public void close() throws SQLException {
            insert.close();
            connection.close();
        }
    }

    private record Row(String enrolmentNo, String classNo, String idNumber, String name, String phone,
                       String paymentMode, LocalDate enrolledOn) {
    }

    private Row nextRow() {
        BenchClass benchClass = classes.get(random.nextInt(classes.size()));
        LocalDate birthDate = LocalDate.of(1966 + random.nextInt(38), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String paymentMode = random.nextInt(3) == 0 ? "TRAINEE_DIRECT" : "INSTITUTION_ADVANCE";
        return new Row(String.format("%s%09d", prefix, ++sequence),
                benchClass.classNo(), people.idNumber(birthDate, random.nextBoolean()), people.name(), people.phone(),
                paymentMode, benchClass.startsOn().minusDays(1 + random.nextInt(9)));
    }
}
