package cn.henan.skillshub.sources.sftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.henan.skillshub.events.EventSchemas;
import cn.henan.skillshub.events.RecordRejected;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.simulator.evaluation.BodySpellings;
import cn.henan.skillshub.simulator.sftp.CeecCsv;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv;
import cn.henan.skillshub.sources.assessment.DeclaredMappings;
import cn.henan.skillshub.sources.mapping.RecordMapping;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ways a body's file can be wrong (issue 16, "Bad input"), read as the {@code sftp-file-drop} route reads a file
 * — spooled, its charset chosen, {@link CsvLines}, then {@link SftpFileDrop#outcome} with the route file's declared
 * mapping — and each gives either a reject per line, naming the line and why, or the refusal of the whole file;
 * never a value with a stray CR, a byte-order mark or a replacement character in it. Cases covered elsewhere are
 * listed in docs/sources.md ("Bad input").
 */
class BadFileInputTests {

    private static final String CEEC = "routes/evaluation-body-ceec-sftp.yaml";
    private static final String CANONICAL = "routes/evaluation-body-sftp.yaml";
    private static final Set<String> CEEC_REQUIRED = Set.of("类别", "公民身份号码", "职业编码", "等级", "更新时间");
    private static final Set<String> CANONICAL_REQUIRED = Set.of("record_type", "record_id", "id_number", "updated_at");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset GBK = Charset.forName("GBK");
    private static final ReferenceData REFERENCE = new ReferenceData();
    private static final int RECORDS = 6;

    private final RecordPipeline pipeline = new RecordPipeline(new EventSchemas());

    @TempDir
    Path spool;

    /** What a file gives: its refusal (the reason's words), or the rejected lines (line → reason, words). */
    record Expect(String refused, Map<Long, Reject> rejects, int lines) {
        static Expect refused(String why) {
            return new Expect(why, Map.of(), 0);
        }

        static Expect read(int lines, Map<Long, Reject> rejects) {
            return new Expect(null, rejects, lines);
        }
    }

    record Reject(RejectReason reason, String says) {
    }

    record Case(String route, String declared, byte[] bytes, Expect expect) {
    }

    static Stream<Arguments> badFiles() {
        List<String> ceec = ceecLines();            // header + RECORDS lines, the CEEC body's layout
        List<String> canonical = canonicalLines();  // header + RECORDS lines, ASCII header, Chinese values
        Reject bom = new Reject(RejectReason.MALFORMED_RECORD, "byte-order mark (U+FEFF)");
        Reject shifted = new Reject(RejectReason.MALFORMED_RECORD, "fields where the header has 17");
        Reject notUtf8 = new Reject(RejectReason.MALFORMED_RECORD, "not valid UTF-8");
        Reject notGbk = new Reject(RejectReason.MALFORMED_RECORD, "private-use character U+E863");

        List<String> joined = new ArrayList<>(ceec);
        joined.addAll(ceec.subList(0, 3)); // a second export appended, header and all
        List<String> crInside = new ArrayList<>(ceec);
        String third = ceec.get(3);
        int cut = nthComma(third, 5);
        crInside.set(3, third.substring(0, cut) + "\r" + third.substring(cut));
        Map<Long, Reject> withoutGbk = new TreeMap<>();
        for (int i = 1; i < ceec.size(); i++) {
            if (!GBK.newEncoder().canEncode(ceec.get(i))) {
                withoutGbk.put(i + 1L, notGbk);
            }
        }
        assertThat(withoutGbk).as("the CEEC simulator writes names outside GBK, such as 䶮").isNotEmpty();

        return Stream.of(
                named("a GB18030 byte-order mark at the start is no part of the first column's name",
                        new Case(CEEC, "GB18030", encode("\uFEFF" + crlf(ceec), GB18030),
                                Expect.read(RECORDS, Map.of()))),
                named("a byte-order mark in the middle of a GB18030 file is its line's reject",
                        new Case(CEEC, "GB18030", encode(crlf(prefixed(ceec, 3, "\uFEFF")), GB18030),
                                Expect.read(RECORDS, Map.of(4L, bom)))),
                named("a UTF-8 byte-order mark in the middle of a UTF-8 file is its line's reject",
                        new Case(CANONICAL, "UTF-8", encode("\uFEFF" + crlf(prefixed(canonical, 2, "\uFEFF")), UTF_8),
                                Expect.read(RECORDS, Map.of(3L, bom)))),
                named("a second file appended, header and all: its header line is a reject, its records are read",
                        new Case(CEEC, "GB18030", encode(crlf(joined), GB18030), Expect.read(RECORDS + 3,
                                Map.of(8L, new Reject(RejectReason.MALFORMED_RECORD, "repeats the header"))))),
                named("CRLF and LF mixed in one file: every line is read and no value keeps a CR",
                        new Case(CEEC, "GB18030", encode(mixedLineEnds(ceec), GB18030),
                                Expect.read(RECORDS, Map.of()))),
                named("a CR alone in the middle of a line ends it: two rejects, the lines after it are read",
                        new Case(CEEC, "GB18030", encode(crlf(crInside), GB18030),
                                Expect.read(RECORDS + 1, Map.of(4L, shifted, 5L, shifted)))),
                named("a column named twice (the mapping reads 等级): the file is refused",
                        new Case(CEEC, "GB18030", encode(crlf(renamed(ceec, "撤销原因", "等级")), GB18030),
                                Expect.refused("names the column '等级' twice (columns 8 and 16)"))),
                named("a column named twice but once with a trailing space: the file is refused",
                        new Case(CEEC, "GB18030", encode(crlf(renamed(ceec, "撤销原因", "等级 ")), GB18030),
                                Expect.refused("names the column '等级' twice"))),
                named("a column name with an invisible character (so it only looks like another): refused",
                        new Case(CEEC, "GB18030", encode(crlf(renamed(ceec, "撤销原因", "等级\u200B")), GB18030),
                                Expect.refused("column 16 ('等级') holds the invisible character U+200B"))),
                named("a column the mapping reads is missing from the header: refused, not empty in every line",
                        new Case(CEEC, "GB18030", encode(crlf(withoutColumn(ceec, "撤销原因")), GB18030),
                                Expect.refused("lacks the columns [撤销原因] that the record mapping reads"))),
                named("a required column is missing from the header: refused",
                        new Case(CEEC, "GB18030", encode(crlf(withoutColumn(ceec, "等级")), GB18030),
                                Expect.refused("lacks the columns [等级]"))),
                named("a GB18030 file declared UTF-8: its Chinese header is no header in UTF-8, the file is refused",
                        new Case(CEEC, "UTF-8", encode(crlf(ceec), GB18030),
                                Expect.refused("not a CSV header in UTF-8 (its bytes are not UTF-8: GB18030?)"))),
                named("a GB18030 file with an ASCII header declared UTF-8: each line is a reject, no U+FFFD in a name",
                        new Case(CANONICAL, "UTF-8", encode(crlf(canonical), GB18030), Expect.read(RECORDS,
                                IntStream.rangeClosed(2, RECORDS + 1).boxed().collect(Collectors.toMap(
                                        Integer::longValue, i -> notUtf8))))),
                named("a UTF-8 file declared GB18030: refused, where decoding would give other characters",
                        new Case(CEEC, "GB18030", encode(crlf(ceec), UTF_8),
                                Expect.refused("the file's bytes are UTF-8 (valid UTF-8, not all ASCII), but the"
                                        + " source declares GB18030"))),
                named("a UTF-8 file with a byte-order mark declared GB18030: refused",
                        new Case(CEEC, "GB18030", encode("\uFEFF" + crlf(ceec), UTF_8),
                                Expect.refused("starts with a UTF-8 byte-order mark, but the source declares GB18030"))),
                named("a GB18030 file declared GBK: each line with a name outside GBK (䶮) is a reject",
                        new Case(CEEC, "GBK", encode(crlf(ceec), GB18030), Expect.read(RECORDS, withoutGbk))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsARejectPerLineOrTheRefusalOfTheWholeFileNeverAWrongValue(Case c) throws Exception {
        RecordMapping mapping = DeclaredMappings.of(c.route(), REFERENCE);
        Set<String> required = c.route().equals(CEEC) ? CEEC_REQUIRED : CANONICAL_REQUIRED;
        FileDropSettings settings = new FileDropSettings("bad-input", "/sources/bad-input", "recordMapping",
                c.declared(), 100, 10, required);
        try (SpooledFile file = SpooledFile.spool(new ByteArrayInputStream(c.bytes()), spool)) {
            Charset charset = settings.charsetOf(file);
            if (c.expect().refused() != null) {
                assertThatThrownBy(() -> CsvLines.open(file, charset, required, mapping.sourceColumns(), 1 << 20))
                        .isInstanceOf(UnreadableFileException.class).hasMessageContaining(c.expect().refused());
                return;
            }
            Map<Long, Reject> rejects = new TreeMap<>();
            int lines = 0;
            try (CsvLines csv = CsvLines.open(file, charset, required, mapping.sourceColumns(), 1 << 20)) {
                CsvLines.Line line;
                while ((line = csv.next()) != null) {
                    lines++;
                    RecordOutcome outcome = SftpFileDrop.outcome(pipeline, settings, "bad.csv", "sha", line, mapping);
                    if (outcome instanceof RecordOutcome.Rejected) {
                        RecordRejected rejected = (RecordRejected) outcome.event().data();
                        assertThat(rejected.message()).contains("bad.csv", "line " + line.number());
                        rejects.put(line.number(), new Reject(rejected.reasonCode(), rejected.message()));
                    } else {
                        String event = new String(outcome.toRecord().value(), UTF_8);
                        assertThat(event).as("line " + line.number())
                                .doesNotContain("\\r", "\r", "\uFEFF", "\\ufeff", "\uFFFD", "\\ufffd");
                    }
                }
            }
            assertThat(lines).as("lines read").isEqualTo(c.expect().lines());
            assertThat(rejects.keySet()).as("rejected lines").isEqualTo(c.expect().rejects().keySet());
            c.expect().rejects().forEach((number, expected) -> {
                assertThat(rejects.get(number).reason()).as("line " + number).isEqualTo(expected.reason());
                assertThat(rejects.get(number).says()).as("line " + number).contains(expected.says());
            });
        }
    }

    @Test
    void aFileWithMixedLineEndsGivesTheEventsOfTheSameFileInCrLf() throws Exception {
        List<String> ceec = ceecLines();
        assertThat(events(encode(mixedLineEnds(ceec), GB18030))).hasSize(RECORDS)
                .isEqualTo(events(encode(crlf(ceec), GB18030)));
    }

    /** The accepted events of a CEEC file, as Kafka values. */
    private List<String> events(byte[] bytes) throws Exception {
        RecordMapping mapping = DeclaredMappings.of(CEEC, REFERENCE);
        FileDropSettings settings = new FileDropSettings("bad-input", "/sources/bad-input", "recordMapping",
                "GB18030", 100, 10, CEEC_REQUIRED);
        List<String> events = new ArrayList<>();
        try (SpooledFile file = SpooledFile.spool(new ByteArrayInputStream(bytes), spool);
             CsvLines csv = CsvLines.open(file, GB18030, CEEC_REQUIRED, mapping.sourceColumns(), 1 << 20)) {
            CsvLines.Line line;
            while ((line = csv.next()) != null) {
                RecordOutcome outcome = SftpFileDrop.outcome(pipeline, settings, "f.csv", "sha", line, mapping);
                if (outcome instanceof RecordOutcome.Accepted) {
                    events.add(new String(outcome.toRecord().value(), UTF_8));
                }
            }
        }
        return events;
    }

    private static List<String> ceecLines() {
        EvaluationBodyCsv csv = canonicalCsv();
        StringBuilder canonical = new StringBuilder(EvaluationBodyCsv.header()).append("\r\n");
        for (int i = 0; i < RECORDS; i++) {
            canonical.append(csv.goodLine());
        }
        CeecCsv.Translated translated = CeecCsv.translate(canonical.toString(), REFERENCE);
        List<String> lines = List.of(translated.text().split("\r\n"));
        assertThat(lines).hasSize(RECORDS + 1);
        return lines;
    }

    private static List<String> canonicalLines() {
        EvaluationBodyCsv csv = canonicalCsv();
        List<String> lines = new ArrayList<>(List.of(EvaluationBodyCsv.header()));
        for (int i = 0; i < RECORDS; i++) {
            lines.add(csv.goodLine().strip());
        }
        return lines;
    }

    private static EvaluationBodyCsv canonicalCsv() {
        return new EvaluationBodyCsv(16, "BADIN", BodySpellings.CEEC_NAME,
                REFERENCE.occupations().stream().map(Occupation::code).toList(), 0.0);
    }

    private static String crlf(List<String> lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String mixedLineEnds(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i)).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }

    private static List<String> prefixed(List<String> lines, int index, String prefix) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(index, prefix + copy.get(index));
        return copy;
    }

    private static List<String> renamed(List<String> lines, String column, String to) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(0, Arrays.stream(lines.get(0).split(",", -1)).map(c -> c.equals(column) ? to : c)
                .collect(Collectors.joining(",")));
        return copy;
    }

    private static List<String> withoutColumn(List<String> lines, String column) {
        int index = Arrays.asList(lines.get(0).split(",", -1)).indexOf(column);
        assertThat(index).isNotNegative();
        List<String> copy = new ArrayList<>();
        for (String line : lines) {
            List<String> values = new ArrayList<>(fields(line));
            values.remove(index);
            copy.add(values.stream().map(BadFileInputTests::quoted).collect(Collectors.joining(",")));
        }
        return copy;
    }

    private static List<String> fields(String line) {
        try {
            CSVRecord record = CSVFormat.RFC4180.parse(new StringReader(line)).getRecords().get(0);
            return record.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static int nthComma(String line, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = line.indexOf(',', at + 1);
        }
        return at;
    }

    private static byte[] encode(String text, Charset charset) {
        return text.getBytes(charset);
    }

    private static Arguments named(String name, Case c) {
        return Arguments.of(Named.of(name, c));
    }
}
