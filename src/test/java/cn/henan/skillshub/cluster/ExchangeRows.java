package cn.henan.skillshub.cluster;

import cn.henan.skillshub.benchmark.ExchangeLoader;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.realname.SimulatedPeople;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The source of a cluster run: enrolments written into a real-name exchange schema of the run's own, a few per
 * transaction, while the hub instances pull them. Good rows are numbered {@code G…}; bad ones {@code X…}, each of
 * one {@link Bad} kind the hub must reject, never publish. Every row, good or bad, must come out exactly once: as
 * an event on {@code skills.training.v1} or as a reject on {@code skills.hub.rejected.v1}.
 */
final class ExchangeRows implements AutoCloseable {

    /** The kinds of bad row: each one is a record the hub must reject with a reason. */
    enum Bad {
        ID_NUMBER_CHECK_DIGIT, ID_NUMBER_TOO_SHORT, ID_NUMBER_LETTERS, ID_NUMBER_MISSING, ID_NUMBER_IMPOSSIBLE_BIRTH,
        PAYMENT_MODE_LOWER_CASE, PAYMENT_MODE_UNKNOWN, PAYMENT_MODE_MISSING, ENROLLED_ON_MISSING, CLASS_UNKNOWN,
        CLASS_MISSING
    }

    private record Clazz(String classNo, LocalDate startsOn) {
    }

    private final String schema;
    private final Random random;
    private final SimulatedPeople people;
    private final List<Clazz> classes = new ArrayList<>();
    private final Connection connection;
    private final PreparedStatement insert;
    private long good;
    private long bad;

    ExchangeRows(String jdbcUrl, String user, String password, String schema, long seed) throws SQLException {
        this.schema = schema;
        this.random = new Random(seed);
        this.people = new SimulatedPeople(random);
        new ExchangeLoader(jdbcUrl, user, password, schema, "CL", seed).recreate(new ReferenceData(), seed);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        connection = dataSource.getConnection();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT class_no, starts_on FROM " + schema + ".training_class ORDER BY id")) {
            while (rs.next()) {
                classes.add(new Clazz(rs.getString(1), rs.getDate(2).toLocalDate()));
            }
        }
        connection.setAutoCommit(false);
        insert = connection.prepareStatement("INSERT INTO " + schema + ".enrolment (enrolment_no, class_no, id_number,"
                + " full_name, phone, payment_mode, enrolled_on) VALUES (?,?,?,?,?,?,?)");
    }

    /** Writes and commits {@code count} rows in one transaction; every {@code badEvery}-th row is bad (0: none). */
    int write(int count, int badEvery) throws SQLException {
        for (int i = 0; i < count; i++) {
            long n = good + bad + 1;
            if (badEvery > 0 && n % badEvery == 0) {
                addBad(Bad.values()[(int) (bad++ % Bad.values().length)]);
            } else {
                addGood();
            }
            insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
        return count;
    }

    long good() {
        return good;
    }

    long bad() {
        return bad;
    }

    private void addGood() throws SQLException {
        Clazz clazz = classes.get(random.nextInt(classes.size()));
        set(String.format("G%09d", ++good), clazz.classNo(), idNumber(), people.name(),
                random.nextBoolean() ? "TRAINEE_DIRECT" : "INSTITUTION_ADVANCE", clazz.startsOn().minusDays(3));
    }

    private void addBad(Bad kind) throws SQLException {
        Clazz clazz = classes.get(random.nextInt(classes.size()));
        String no = String.format("X%09d", bad);
        String id = idNumber();
        switch (kind) {
            case ID_NUMBER_CHECK_DIGIT -> set(no, clazz.classNo(), SimulatedPeople.withBrokenCheck(id), people.name(),
                    "TRAINEE_DIRECT", clazz.startsOn());
            case ID_NUMBER_TOO_SHORT -> set(no, clazz.classNo(), id.substring(0, 15), people.name(), "TRAINEE_DIRECT",
                    clazz.startsOn());
            case ID_NUMBER_LETTERS -> set(no, clazz.classNo(), id.substring(0, 10) + "ABCDEFGH", people.name(),
                    "TRAINEE_DIRECT", clazz.startsOn());
            case ID_NUMBER_MISSING -> set(no, clazz.classNo(), null, people.name(), "TRAINEE_DIRECT", clazz.startsOn());
            case ID_NUMBER_IMPOSSIBLE_BIRTH -> set(no, clazz.classNo(), withCheck(id.substring(0, 10) + "1399"
                    + id.substring(14, 17)), people.name(), "TRAINEE_DIRECT", clazz.startsOn());
            case PAYMENT_MODE_LOWER_CASE -> set(no, clazz.classNo(), id, people.name(), "trainee_direct",
                    clazz.startsOn());
            case PAYMENT_MODE_UNKNOWN -> set(no, clazz.classNo(), id, people.name(), "CASH_IN_HAND", clazz.startsOn());
            case PAYMENT_MODE_MISSING -> set(no, clazz.classNo(), id, people.name(), null, clazz.startsOn());
            case ENROLLED_ON_MISSING -> set(no, clazz.classNo(), id, people.name(), "TRAINEE_DIRECT", null);
            case CLASS_UNKNOWN -> set(no, "NO-SUCH-CLASS", id, people.name(), "TRAINEE_DIRECT", clazz.startsOn());
            case CLASS_MISSING -> set(no, null, id, people.name(), "TRAINEE_DIRECT", clazz.startsOn());
        }
    }

    private String idNumber() {
        LocalDate birthDate = LocalDate.of(1970 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28));
        return people.idNumber(birthDate, random.nextBoolean());
    }

    /** The first 17 characters with their right check digit (GB 11643), whatever they say. */
    private static String withCheck(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String checks = "10X98765432";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + checks.charAt(sum % 11);
    }

    private void set(String no, String classNo, String idNumber, String name, String paymentMode, LocalDate enrolledOn)
            throws SQLException {
        insert.setString(1, no);
        insert.setString(2, classNo);
        insert.setString(3, idNumber);
        insert.setString(4, name);
        insert.setString(5, people.phone());
        insert.setString(6, paymentMode);
        if (enrolledOn == null) {
            insert.setNull(7, Types.DATE);
        } else {
            insert.setDate(7, Date.valueOf(enrolledOn));
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        connection.close();
    }
}
