package cn.henan.skillshub.simulator.sftp;

import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.simulator.realname.SimulatedPeople;
import cn.henan.skillshub.simulator.trainees.AssessmentOutcome;
import cn.henan.skillshub.simulator.trainees.CompletedTrainee;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Seeded CSV lines of an evaluation body, in the columns the hub's SFTP source reads: assessment results (theory
 * and professional-ability scores, 60 to pass), level certificates for those who passed both (a few issued despite
 * a failed part, which the hub flags), and revocations. Chinese names, valid Henan ID numbers, the programme's
 * occupations and levels. A bad line is one of {@link BadLine}, each giving exactly one reject.
 */
public final class EvaluationBodyCsv {

    public static final List<String> COLUMNS = List.of("record_type", "record_id", "id_number", "full_name",
            "occupation_code", "level", "evaluation_body", "assessed_on", "theory_score", "theory_passed",
            "ability_score", "ability_passed", "certificate_no", "issued_on", "revoked_on", "reason", "updated_at");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final List<String> LEVELS = List.of("初级", "中级", "高级");
    private static final List<String> REVOCATION_REASONS = List.of("考核作弊", "申报材料不实", "重复发证");
    private static final OffsetDateTime FIRST_UPDATE = OffsetDateTime.of(2025, 6, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));

    /** The kinds of bad line a body's export produces, and the reject each must give. */
    public enum BadLine {
        /** A field lost (a comma too few): the line does not line up with the header. */
        WRONG_FIELD_COUNT(RejectReason.MALFORMED_RECORD),
        /** A quote opened and never closed. */
        UNTERMINATED_QUOTE(RejectReason.MALFORMED_RECORD),
        /** An ID number with a wrong check character, as a typing error makes it. */
        INVALID_ID_NUMBER(RejectReason.INVALID_ID_NUMBER),
        /** An occupation that is none of the programme's ten. */
        UNKNOWN_OCCUPATION(RejectReason.UNKNOWN_OCCUPATION),
        /** A score over 100. */
        SCORE_OUT_OF_RANGE(RejectReason.MALFORMED_RECORD),
        /** A certificate without its number. */
        MISSING_CERTIFICATE_NO(RejectReason.MISSING_FIELD);

        private final RejectReason reason;

        BadLine(RejectReason reason) {
            this.reason = reason;
        }

        public RejectReason reason() {
            return reason;
        }
    }

    /** What the lines written so far should give at the hub. */
    public record Counts(int lines, Map<EventType, Integer> events, Map<RejectReason, Integer> rejects) {
        public int totalEvents() {
            return events.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int totalRejects() {
            return rejects.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A revocation of a trainee's certificate, held back until {@code due} so it comes after the decision. */
    private record PendingRevocation(CompletedTrainee trainee, AssessmentOutcome outcome, String certificateNo,
                                     Instant due) {
    }

    private final long seed;
    private final Random random;
    private final SimulatedPeople people;
    /** A trainee's line for the next file, counted once it is written. */
    private record TraineeLine(String line, EventType type) {
    }

    private final List<TraineeLine> traineeLines = new ArrayList<>();
    private final List<PendingRevocation> pendingRevocations = new ArrayList<>();
    private final String tag;
    private final String evaluationBody;
    private final List<String> occupationCodes;
    private final double badShare;
    private final Map<EventType, Integer> events = new EnumMap<>(EventType.class);
    private final Map<RejectReason, Integer> rejects = new EnumMap<>(RejectReason.class);
    private int lines;
    private long sequence;

    /**
     * @param tag             part of every record and certificate number, so runs and tests never collide
     * @param occupationCodes the programme's occupation codes (reference data)
     * @param badShare        share of bad lines among the lines {@link #write} writes
     */
    public EvaluationBodyCsv(long seed, String tag, String evaluationBody, List<String> occupationCodes,
                             double badShare) {
        this.seed = seed;
        this.random = new Random(seed);
        this.people = new SimulatedPeople(random);
        this.tag = tag;
        this.evaluationBody = evaluationBody;
        this.occupationCodes = List.copyOf(occupationCodes);
        this.badShare = badShare;
    }

    public static String header() {
        return String.join(",", COLUMNS);
    }

    /**
     * Writes the header, the lines of the trainees assessed since the last file (and the revocations now due), and
     * {@code records} generated lines, a share of them bad; returns the counts of all written.
     */
    public synchronized Counts write(Writer out, int records) throws IOException {
        out.write(header());
        out.write("\r\n");
        for (String line : takeTraineeLines(Instant.now())) {
            out.write(line);
        }
        for (int i = 0; i < records; i++) {
            out.write(random.nextDouble() < badShare
                    ? badLine(BadLine.values()[random.nextInt(BadLine.values().length)]) : goodLine());
        }
        out.flush();
        return counts();
    }

    /**
     * Assesses a trainee of the real-name system (same ID number, occupation, level): a result line and, when
     * {@link AssessmentOutcome} says so, a certificate line, both in the next file written; a revocation line in
     * the first file written after {@code revocationDelay}.
     */
    public synchronized AssessmentOutcome assess(CompletedTrainee trainee, Duration revocationDelay) {
        AssessmentOutcome outcome = AssessmentOutcome.of(trainee, seed);
        String[] result = traineeRow("RESULT", trainee, outcome);
        result[8] = outcome.theoryScore().toPlainString();
        result[9] = outcome.theoryPassed() ? "合格" : "不合格";
        result[10] = outcome.abilityScore().toPlainString();
        result[11] = outcome.abilityPassed() ? "合格" : "不合格";
        traineeLines.add(lineOf(result, EventType.ASSESSMENT_RESULT_RECORDED));
        if (outcome.certified()) {
            String[] certificate = traineeRow("CERTIFICATE", trainee, outcome);
            certificate[12] = certificate[1];
            certificate[9] = result[9];
            certificate[11] = result[11];
            certificate[13] = outcome.certificateIssuedOn().toString();
            traineeLines.add(lineOf(certificate, EventType.CERTIFICATE_ISSUED));
            if (outcome.revoked()) {
                pendingRevocations.add(new PendingRevocation(trainee, outcome, certificate[12],
                        Instant.now().plus(revocationDelay)));
            }
        }
        return outcome;
    }

    /** The trainees' lines waiting for the next file, with the revocations due by {@code now}; then forgotten. */
    private List<String> takeTraineeLines(Instant now) {
        List<PendingRevocation> due = pendingRevocations.stream().filter(p -> !p.due().isAfter(now)).toList();
        for (PendingRevocation p : due) {
            String[] row = traineeRow("REVOCATION", p.trainee(), p.outcome());
            row[7] = "";
            row[12] = p.certificateNo();
            row[13] = p.outcome().certificateIssuedOn().toString();
            row[14] = p.outcome().revokedOn().toString();
            row[15] = p.outcome().revocationReason();
            traineeLines.add(lineOf(row, EventType.CERTIFICATE_REVOKED));
        }
        pendingRevocations.removeAll(due);
        List<String> taken = new ArrayList<>();
        for (TraineeLine line : traineeLines) {
            events.merge(line.type(), 1, Integer::sum);
            lines++;
            taken.add(line.line());
        }
        traineeLines.clear();
        return taken;
    }

    /**
     * The trainee's columns. Numbers carry a {@code T} (PJT…, ZST…, CXT…): the generated revocations pick
     * certificate numbers of generated lines at random, and must never hit a trainee's certificate.
     */
    private String[] traineeRow(String type, CompletedTrainee trainee, AssessmentOutcome outcome) {
        String[] row = new String[COLUMNS.size()];
        Arrays.fill(row, "");
        row[0] = type;
        row[1] = number(switch (type) {
            case "RESULT" -> "PJT";
            case "CERTIFICATE" -> "ZST";
            default -> "CXT";
        });
        row[2] = trainee.idNumber();
        row[3] = trainee.fullName();
        row[4] = trainee.occupationCode();
        row[5] = trainee.level().chineseName();
        row[6] = evaluationBody;
        row[7] = outcome.assessedOn().toString();
        row[16] = FIRST_UPDATE.plusSeconds(sequence * 37).toString();
        return row;
    }

    private static TraineeLine lineOf(String[] row, EventType type) {
        return new TraineeLine(format(row), type);
    }

    /** One good line, ending with CRLF: a result (half), a certificate (four in ten) or a revocation. */
    public String goodLine() {
        int choice = random.nextInt(10);
        String[] row = choice < 5 ? result() : choice < 9 ? certificate() : revocation();
        EventType type = choice < 5 ? EventType.ASSESSMENT_RESULT_RECORDED
                : choice < 9 ? EventType.CERTIFICATE_ISSUED : EventType.CERTIFICATE_REVOKED;
        events.merge(type, 1, Integer::sum);
        lines++;
        return format(row);
    }

    /** One bad line of the given kind, ending with CRLF. */
    public String badLine(BadLine kind) {
        String[] row = random.nextBoolean() ? result() : certificate();
        String line;
        switch (kind) {
            case WRONG_FIELD_COUNT -> line = format(Arrays.copyOf(row, row.length - 1));
            case UNTERMINATED_QUOTE -> {
                row[15] = "\"备注" + row[15];
                line = String.join(",", row) + "\r\n";
            }
            case INVALID_ID_NUMBER -> {
                row[2] = SimulatedPeople.withBrokenCheck(row[2]);
                line = format(row);
            }
            case UNKNOWN_OCCUPATION -> {
                row[4] = "2-02-99-99";
                line = format(row);
            }
            case SCORE_OUT_OF_RANGE -> {
                row = result();
                row[8] = "120";
                line = format(row);
            }
            default -> {
                row = certificate();
                row[12] = "";
                line = format(row);
            }
        }
        rejects.merge(kind.reason(), 1, Integer::sum);
        lines++;
        return line;
    }

    public Counts counts() {
        return new Counts(lines, Map.copyOf(events), Map.copyOf(rejects));
    }

    private String[] result() {
        String[] row = person();
        row[0] = "RESULT";
        row[1] = number("PJ");
        int theory = 45 + random.nextInt(56);
        int ability = 45 + random.nextInt(56);
        row[8] = theory < 100 ? theory + "." + random.nextInt(10) : "100";
        row[9] = theory >= 60 ? "合格" : "不合格";
        row[10] = Integer.toString(ability);
        row[11] = ability >= 60 ? "合格" : "不合格";
        return row;
    }

    private String[] certificate() {
        String[] row = person();
        row[0] = "CERTIFICATE";
        row[1] = number("ZS");
        row[12] = row[1];
        boolean failedPart = random.nextInt(20) == 0;
        row[8] = Integer.toString(60 + random.nextInt(41));
        row[9] = "合格";
        row[10] = Integer.toString(failedPart ? 40 + random.nextInt(20) : 60 + random.nextInt(41));
        row[11] = failedPart ? "不合格" : "合格";
        row[13] = LocalDate.parse(row[7]).plusDays(20 + random.nextInt(21)).toString();
        return row;
    }

    private String[] revocation() {
        String[] row = person();
        row[0] = "REVOCATION";
        row[1] = number("CX");
        row[12] = "ZS" + tag + String.format("%07d", 1 + random.nextInt((int) Math.max(1, sequence)));
        LocalDate issuedOn = LocalDate.parse(row[7]).plusDays(30);
        row[13] = issuedOn.toString();
        row[14] = issuedOn.plusDays(30 + random.nextInt(60)).toString();
        row[15] = REVOCATION_REASONS.get(random.nextInt(REVOCATION_REASONS.size()));
        return row;
    }

    /** The columns every record has: the person, the occupation and level, the body, the dates. */
    private String[] person() {
        String[] row = new String[COLUMNS.size()];
        Arrays.fill(row, "");
        LocalDate birthDate = LocalDate.of(1970 + random.nextInt(36), 1 + random.nextInt(12), 1 + random.nextInt(28));
        row[2] = people.idNumber(birthDate, random.nextBoolean());
        row[3] = people.name();
        row[4] = occupationCodes.get(random.nextInt(occupationCodes.size()));
        row[5] = LEVELS.get(random.nextInt(LEVELS.size()));
        row[6] = evaluationBody;
        row[7] = LocalDate.of(2025, 5, 10).plusDays(random.nextInt(150)).toString();
        row[16] = FIRST_UPDATE.plusSeconds(sequence * 37 + random.nextInt(30)).toString();
        return row;
    }

    private String number(String prefix) {
        return prefix + tag + String.format("%07d", ++sequence);
    }

    private static String format(String[] row) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord((Object[]) row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
