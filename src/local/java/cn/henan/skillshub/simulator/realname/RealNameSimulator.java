package cn.henan.skillshub.simulator.realname;

import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.reference.CatalogueEntry;
import cn.henan.skillshub.reference.Institution;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.reference.SubsidyStandard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Writes what the real-name skills-training system would write into its exchange database: a class for each
 * entry of the institution catalogue, then trainees enrolling, attending hours and completing. Seeded, so a run
 * is reproducible; a share of rows is bad on purpose, one of each kind the hub must reject.
 */
public class RealNameSimulator {

    /** An occupation code that is none of the programme's ten. */
    static final String UNKNOWN_OCCUPATION = "2-02-99-99";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String OUTSIDE_CATALOGUE = "郑州数智职业培训学校";
    private static final LocalDate FIRST_CLASS = LocalDate.of(2025, 4, 7);

    record SimClass(String classNo, String occupationCode, Level level, BigDecimal totalHours, LocalDate startsOn,
                    LocalDate endsOn) {
    }

    record SimEnrolment(String enrolmentNo, String idNumber, String paymentMode, SimClass simClass) {
    }

    record SimHours(SimEnrolment enrolment, BigDecimal online, BigDecimal offline) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String schema;
    private final ReferenceData reference;
    private final double badShare;
    private final String runTag;
    private final Random random;
    /** Drawn apart from {@link #random}, so the rest of a seed's story is what it was. */
    private final Random overlaps;
    private final Random groups;
    private final SimulatedPeople people;
    private final List<SimClass> classes = new ArrayList<>();
    private final List<SimEnrolment> awaitingHours = new ArrayList<>();
    private final List<SimHours> awaitingCompletion = new ArrayList<>();
    private long sequence;

    /**
     * @param runTag prefix of every record number this run writes, so runs into the same database never collide
     */
    public RealNameSimulator(DataSource dataSource, String schema, ReferenceData reference, long seed,
                             double badShare, String runTag) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name must match " + SCHEMA_NAME + ": " + schema);
        }
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.schema = schema;
        this.reference = reference;
        this.badShare = badShare;
        this.runTag = runTag;
        this.random = new Random(seed);
        this.overlaps = new Random(seed ^ 0x17_0E17L);
        this.groups = new Random(seed ^ 0x17_0002L);
        this.people = new SimulatedPeople(random);
    }

    /** Creates the exchange schema — tables and the hub's feed views — if it does not exist. */
    public void createSchema() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("realname/exchange-schema.sql")) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${schema}", schema);
            for (String statement : script.split(";\\s*\\n")) {
                String sql = statement.lines().filter(l -> !l.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b).strip();
                if (!sql.isEmpty()) {
                    jdbc.execute(sql);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("exchange schema script cannot be read", e);
        }
    }

    /**
     * Files a plan and opens a class for each entry of the catalogue, some filed late or with too many online
     * hours, and one by an institution outside the catalogue.
     */
    public ExpectedOutcomes openClasses() {
        ExpectedOutcomes counts = new ExpectedOutcomes();
        transactions.executeWithoutResult(status -> {
            for (Institution institution : reference.institutions()) {
                for (CatalogueEntry entry : institution.occupations()) {
                    openClass(institution.name(), entry.occupationCode(), counts);
                }
            }
            openClass(OUTSIDE_CATALOGUE, reference.occupations().get(0).code(), counts);
        });
        return counts;
    }

    /** Writes {@code records} rows, each one event or one reject for the hub, in one transaction. */
    public ExpectedOutcomes write(int records) {
        if (classes.isEmpty()) {
            throw new IllegalStateException("open classes first");
        }
        ExpectedOutcomes counts = new ExpectedOutcomes();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < records; i++) {
                if (random.nextDouble() < badShare) {
                    writeBadRow(counts);
                } else {
                    writeGoodRow(counts);
                }
            }
        });
        return counts;
    }

    private void openClass(String institution, String occupationCode, ExpectedOutcomes counts) {
        Level level = Level.values()[random.nextInt(3)];
        LocalDate startsOn = FIRST_CLASS.plusDays(random.nextInt(200));
        BigDecimal total = BigDecimal.valueOf(reference.standardInForce(occupationCode, level, startsOn)
                .map(SubsidyStandard::requiredHours).orElse(120));
        double onlineShare = random.nextInt(8) == 0 ? 0.6 : 0.3 + random.nextInt(21) / 100.0;
        int filedDaysBefore = random.nextInt(8) == 0 ? 5 : 10 + random.nextInt(20);
        Occupation occupation = reference.occupation(occupationCode).orElseThrow();
        String code = random.nextInt(10) == 0 && occupation.code2022() != null ? occupation.code2022() : occupationCode;
        String planNo = number("PL");
        String classNo = number("BJ");
        insertPlan(planNo, institution, code, level, startsOn.minusDays(filedDaysBefore), total,
                total.multiply(BigDecimal.valueOf(onlineShare)).setScale(1, RoundingMode.HALF_UP));
        LocalDate endsOn = startsOn.plusDays(20 + random.nextInt(20));
        jdbc.update("INSERT INTO " + schema + ".training_class (class_no, plan_no, starts_on, ends_on) VALUES (?,?,?,?)",
                classNo, planNo, Date.valueOf(startsOn), Date.valueOf(endsOn));
        classes.add(new SimClass(classNo, occupationCode, level, total, startsOn, endsOn));
        counts.event(EventType.TRAINING_PLAN_FILED);
    }

    private void insertPlan(String planNo, String institution, String occupationCode, Level level, LocalDate filedOn,
                            BigDecimal total, BigDecimal online) {
        jdbc.update("INSERT INTO " + schema + ".training_plan (plan_no, institution_name, occupation_code, level,"
                        + " filed_on, total_hours, planned_online_hours) VALUES (?,?,?,?,?,?,?)",
                planNo, institution, occupationCode, level.chineseName(), Date.valueOf(filedOn), total, online);
    }

    private void writeGoodRow(ExpectedOutcomes counts) {
        int choice = random.nextInt(10);
        if (choice < 3 && !awaitingCompletion.isEmpty()) {
            complete(awaitingCompletion.remove(random.nextInt(awaitingCompletion.size())));
            counts.event(EventType.TRAINING_COMPLETED);
        } else if (choice < 6 && !awaitingHours.isEmpty()) {
            SimEnrolment enrolment = awaitingHours.remove(random.nextInt(awaitingHours.size()));
            awaitingCompletion.add(recordHours(enrolment, goodOnlineShare(), enrolment.simClass().totalHours()));
            counts.event(EventType.TRAINING_HOURS_RECORDED);
        } else {
            SimClass simClass = classes.get(random.nextInt(classes.size()));
            String trainee = trainee(simClass);
            awaitingHours.add(enrol(simClass, trainee, simClass.startsOn().minusDays(1 + random.nextInt(9))));
            counts.event(EventType.TRAINING_ENROLLED);
            // About one in 40 is enrolled in a second class at the same time (supervision finds it, issue 17).
            if (overlaps.nextInt(40) == 0) {
                classes.stream().filter(other -> !other.classNo().equals(simClass.classNo())
                                && !other.startsOn().isAfter(simClass.endsOn()) && !simClass.startsOn().isAfter(other.endsOn()))
                        .findFirst().ifPresent(other -> {
                            enrol(other, trainee, other.startsOn().minusDays(1));
                            counts.event(EventType.TRAINING_ENROLLED);
                        });
            }
        }
    }

    /** One bad row of one kind; each gives exactly one reject. Its enrolment goes no further. */
    private void writeBadRow(ExpectedOutcomes counts) {
        SimClass simClass = classes.get(random.nextInt(classes.size()));
        switch (random.nextInt(6)) {
            case 0 -> {
                enrol(simClass, SimulatedPeople.withBrokenCheck(trainee(simClass)), simClass.startsOn());
                counts.reject(RejectReason.INVALID_ID_NUMBER);
            }
            case 1 -> {
                String planNo = number("PL");
                insertPlan(planNo, "郑州大学", UNKNOWN_OCCUPATION, Level.JUNIOR, simClass.startsOn().minusDays(20),
                        BigDecimal.valueOf(64), BigDecimal.valueOf(20));
                jdbc.update("INSERT INTO " + schema + ".training_class (class_no, plan_no, starts_on, ends_on)"
                        + " VALUES (?,?,?,?)", number("BJ"), planNo, Date.valueOf(simClass.startsOn()),
                        Date.valueOf(simClass.endsOn()));
                counts.reject(RejectReason.UNKNOWN_OCCUPATION);
            }
            case 2 -> {
                SimEnrolment enrolment = enrol(simClass, trainee(simClass), simClass.startsOn());
                counts.event(EventType.TRAINING_ENROLLED);
                jdbc.update("INSERT INTO " + schema + ".training_hours (enrolment_no, online_hours, offline_hours)"
                        + " VALUES (?,?,?)", enrolment.enrolmentNo(), BigDecimal.valueOf(-4), BigDecimal.TEN);
                counts.reject(RejectReason.NEGATIVE_HOURS);
            }
            case 3 -> {
                jdbc.update("INSERT INTO " + schema + ".enrolment (enrolment_no, class_no, id_number, full_name, phone,"
                                + " payment_mode, enrolled_on) VALUES (?,?,?,?,?,?,NULL)", number("BM"),
                        simClass.classNo(), trainee(simClass), people.name(), people.phone(), "TRAINEE_DIRECT");
                counts.reject(RejectReason.MISSING_FIELD);
            }
            case 4 -> {
                // The enrolment tried from outside (issue 17): dated 2999-01-01, an impossible date, not a fact.
                enrol(simClass, trainee(simClass), LocalDate.of(2999, 1, 1));
                counts.reject(RejectReason.IMPOSSIBLE_DATE);
            }
            default -> {
                SimEnrolment enrolment = enrol(simClass, trainee(simClass), simClass.startsOn());
                counts.event(EventType.TRAINING_ENROLLED);
                recordHours(enrolment, 0.4, simClass.totalHours().add(BigDecimal.valueOf(40)));
                counts.reject(RejectReason.HOURS_OVER_TOTAL);
            }
        }
    }

    private String trainee(SimClass simClass) {
        // Mostly of working age; some at or past statutory retirement age, which the hub flags.
        int birthYear = random.nextInt(25) == 0 ? 1958 + random.nextInt(5) : 1966 + random.nextInt(38);
        LocalDate birthDate = LocalDate.of(birthYear, 1 + random.nextInt(12), 1 + random.nextInt(28));
        return people.idNumber(birthDate, random.nextBoolean());
    }

    private SimEnrolment enrol(SimClass simClass, String idNumber, LocalDate enrolledOn) {
        String enrolmentNo = number("BM");
        String paymentMode = random.nextInt(3) == 0 ? "TRAINEE_DIRECT" : "INSTITUTION_ADVANCE";
        jdbc.update("INSERT INTO " + schema + ".enrolment (enrolment_no, class_no, id_number, full_name, phone,"
                        + " payment_mode, enrolled_on) VALUES (?,?,?,?,?,?,?)", enrolmentNo, simClass.classNo(),
                idNumber, people.name(), people.phone(), paymentMode, Date.valueOf(enrolledOn));
        eligibility(enrolmentNo, simClass.startsOn());
        return new SimEnrolment(enrolmentNo, idNumber, paymentMode, simClass);
    }

    /**
     * 二、培育对象: the trainee's group, school, graduation and province, drawn apart from {@link #random} so the rest
     * of a seed's story stays. Most are eligible; about 3 in 100 are in no group of the plan, 2 in 100 are not in
     * the province, and a few graduates left school more than 2 years ago or come from a school the plan does not
     * name for graduates (a technician class).
     */
    private void eligibility(String enrolmentNo, LocalDate startsOn) {
        int draw = groups.nextInt(100);
        String category;
        String school = null;
        LocalDate graduatedOn = null;
        if (draw < 45) {
            category = "EMPLOYED_DIGITAL_ECONOMY";
        } else if (draw < 60) {
            category = "ABOUT_TO_WORK_DIGITAL_ECONOMY";
        } else if (draw < 70) {
            category = "NEW_FORMS_OR_FREELANCE";
        } else if (draw < 85) {
            category = "GRADUATING_STUDENT";
            school = groups.nextInt(5) == 0 ? "TECHNICAL_SCHOOL_SENIOR_CLASS" : "FULL_TIME_COLLEGE";
            graduatedOn = startsOn.plusMonths(1 + groups.nextInt(10));
        } else if (draw < 97) {
            category = "UNEMPLOYED_GRADUATE";
            school = groups.nextInt(12) == 0 ? "TECHNICIAN_CLASS" : "FULL_TIME_COLLEGE";
            graduatedOn = startsOn.minusMonths(1 + groups.nextInt(groups.nextInt(8) == 0 ? 36 : 23));
        } else {
            category = "OTHER";
        }
        boolean inProvince = groups.nextInt(50) != 0;
        jdbc.update("UPDATE " + schema + ".enrolment SET trainee_category = ?, school_type = ?, graduated_on = ?,"
                        + " in_province = ? WHERE enrolment_no = ?", category, school,
                graduatedOn == null ? null : Date.valueOf(graduatedOn), inProvince, enrolmentNo);
    }

    private double goodOnlineShare() {
        return random.nextInt(10) == 0 ? 0.55 + random.nextInt(6) / 100.0 : 0.2 + random.nextInt(31) / 100.0;
    }

    private SimHours recordHours(SimEnrolment enrolment, double onlineShare, BigDecimal attended) {
        BigDecimal online = attended.multiply(BigDecimal.valueOf(onlineShare)).setScale(1, RoundingMode.HALF_UP);
        BigDecimal offline = attended.subtract(online);
        jdbc.update("INSERT INTO " + schema + ".training_hours (enrolment_no, online_hours, offline_hours)"
                + " VALUES (?,?,?)", enrolment.enrolmentNo(), online, offline);
        return new SimHours(enrolment, online, offline);
    }

    private void complete(SimHours hours) {
        SimClass simClass = hours.enrolment().simClass();
        int reportedAfter = random.nextInt(10) == 0 ? 31 + random.nextInt(20) : 1 + random.nextInt(29);
        jdbc.update("INSERT INTO " + schema + ".completion (enrolment_no, completed_on, certificate_no,"
                        + " list_reported_on) VALUES (?,?,?,?)", hours.enrolment().enrolmentNo(),
                Date.valueOf(simClass.endsOn()), number("PXZ"), Date.valueOf(simClass.endsOn().plusDays(reportedAfter)));
    }

    private String number(String prefix) {
        return prefix + runTag + String.format("%07d", ++sequence);
    }
}
