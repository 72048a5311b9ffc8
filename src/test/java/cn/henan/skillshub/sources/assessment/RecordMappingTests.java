package cn.henan.skillshub.sources.assessment;

import static cn.henan.skillshub.sources.assessment.EvaluationBodyRecords.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.henan.skillshub.events.EventSchemas;
import cn.henan.skillshub.events.RecordRejected;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.person.IdNumber;
import cn.henan.skillshub.person.PersonKeys;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.sources.SourceRecords;
import cn.henan.skillshub.sources.mapping.MappingRefusedException;
import cn.henan.skillshub.sources.mapping.RecordMapping;
import cn.henan.skillshub.sources.mapping.RecordMappingParser;
import cn.henan.skillshub.sources.mapping.RouteFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Declared record mappings against the hand-written evaluation-body mapper: the same records give the same events,
 * rejects and flags; and every way a mapping can be wrong is refused with its line and reason.
 */
class RecordMappingTests {

    private final ReferenceData reference = new ReferenceData();
    private final EvaluationBodyRecordMapper handWritten = new EvaluationBodyRecordMapper(
            new SourceRecords(new PersonKeys("unit-test-secret-0123456789"), reference));
    private final RecordMappingParser parser = new RecordMappingParser(
            List.of(new EvaluationBodySchema(handWritten)), reference);
    private final RecordPipeline pipeline = new RecordPipeline(new EventSchemas());

    static final String BODY_B = """
            schema: evaluation-body
            timeZone: Asia/Shanghai
            fields:
              record_type:
                from: lx
                values: { 成绩: RESULT, 发证: CERTIFICATE, 撤销: REVOCATION }
              record_id: cjbh
              id_number: sfzh
              full_name: xm
              occupation_code: { from: zymc, lookup: name }
              level:
                from: dj
                values: { LEVEL_1: 初级, LEVEL_2: INTERMEDIATE, LEVEL_3: SENIOR }
              evaluation_body: { constant: 中国电子学会 }
              assessed_on: { from: ksrq, date: yyyyMMdd }
              theory_score: llcj
              theory_passed: { from: llhg, values: { PASS: true, FAIL: false } }
              ability_score: jncj
              ability_passed: { from: jnhg, values: { PASS: true, FAIL: false } }
              certificate_no: zsbh
              issued_on: { from: fzrq, date: epoch-millis }
              revoked_on: { from: cxrq, date: yyyy/M/d }
              reason: cxyy
              updated_at: { from: gxsj, timestamp: epoch-millis }
            """;

    @Test
    void todaysBodiesFilesGiveWhatTheHandWrittenMapperGaveForTheSameRecords() throws Exception {
        for (String file : List.of("routes/evaluation-body-henan-rest.yaml", "routes/evaluation-body-sftp.yaml")) {
            RouteFiles.Declared declared = RouteFiles.mappings(file, Files.readString(Path.of(file))).get(0);
            RecordMapping mapping = parser.parse(declared.text(), file, declared.firstLine());
            for (Map<String, Object> fields : EvaluationBodyRecords.canonical()) {
                assertThat(summary(pipeline.process(record(fields), mapping)))
                        .as(file + " " + fields.get("record_id") + fields.get("certificate_no"))
                        .isEqualTo(summary(pipeline.process(record(fields), handWritten)));
            }
        }
    }

    @Test
    void aBodyWithItsOwnNamesWordsAndDatesGivesTheEventsOfTheCanonicalRecords() {
        RecordMapping mapping = parser.parse(BODY_B, "body-b", 1);
        List<Map<String, Object>> records = EvaluationBodyRecords.canonical();
        int accepted = 0;
        for (Map<String, Object> canonical : records) {
            String expected = summary(pipeline.process(record(canonical), handWritten));
            String actual = summary(pipeline.process(record(EvaluationBodyRecords.bodyB(canonical)), mapping));
            assertThat(actual).as(canonical.toString()).isEqualTo(expected);
            accepted += expected.startsWith("rejected") ? 0 : 1;
        }
        assertThat(accepted).isEqualTo(5);
    }

    @Test
    void aValueNotInTheMapIsARejectNamingTheFieldAndItsSource() {
        RecordMapping mapping = parser.parse(BODY_B, "body-b", 1);
        Map<String, Object> b = EvaluationBodyRecords.bodyB(EvaluationBodyRecords.canonical().get(0));
        b.put("dj", "LEVEL_9");
        RecordRejected rejected = rejected(mapping, b);
        assertThat(rejected.reasonCode()).isEqualTo(RejectReason.UNKNOWN_LEVEL);
        assertThat(rejected.message()).contains("'level'", "'dj'", "LEVEL_9");

        b = EvaluationBodyRecords.bodyB(EvaluationBodyRecords.canonical().get(0));
        b.put("llhg", "MAYBE");
        assertThat(rejected(mapping, b).reasonCode()).isEqualTo(RejectReason.MALFORMED_RECORD);
    }

    @Test
    void aDateNotInItsFormatIsARejectNeverAWrongDate() {
        RecordMapping mapping = parser.parse(BODY_B, "body-b", 1);
        Map<String, Object> b = EvaluationBodyRecords.bodyB(EvaluationBodyRecords.canonical().get(0));
        b.put("ksrq", "2025-06-10"); // ISO, not the body's yyyyMMdd
        RecordRejected rejected = rejected(mapping, b);
        assertThat(rejected.reasonCode()).isEqualTo(RejectReason.IMPOSSIBLE_DATE);
        assertThat(rejected.message()).contains("'assessed_on'", "'ksrq'", "yyyyMMdd");
        b.put("ksrq", "20250230"); // no such day
        assertThat(rejected(mapping, b).reasonCode()).isEqualTo(RejectReason.IMPOSSIBLE_DATE);
    }

    @Test
    void anOccupationByNameOrByEditionGoesThroughTheReferenceData() {
        RecordMapping byName = parser.parse(BODY_B, "body-b", 1);
        Map<String, Object> b = EvaluationBodyRecords.bodyB(EvaluationBodyRecords.canonical().get(3));
        b.put("zymc", "人工智能工程技术人员");
        assertThat(pipeline.process(record(b), byName)).isInstanceOf(RecordOutcome.Accepted.class);
        RecordMapping in2022 = parser.parse(BODY_B.replace("{ from: zymc, lookup: name }",
                "{ from: zydm, edition: \"2022\" }"), "body-b", 1);
        String code2022 = reference.occupation("2-02-10-09").orElseThrow().code2022();
        b.put("zydm", code2022);
        assertThat(summary(pipeline.process(record(b), in2022))).isEqualTo(summary(pipeline.process(
                record(EvaluationBodyRecords.canonical().get(3)), handWritten)));
        b.put("zydm", "2-02-10-09"); // the plan's code, where the mapping says 2022's
        assertThat(rejected(in2022, b).reasonCode()).isEqualTo(RejectReason.UNKNOWN_OCCUPATION);
    }

    @Test
    void aRejectMasksTheBodysIdAndNameFieldsWhateverTheyAreCalled() {
        RecordMapping mapping = parser.parse(BODY_B.replace("id_number: sfzh", "id_number: zjhm"), "body-b", 1);
        Map<String, Object> b = EvaluationBodyRecords.bodyB(EvaluationBodyRecords.canonical().get(0));
        b.put("zjhm", b.remove("sfzh"));
        b.put("dj", "LEVEL_9");
        RecordRejected rejected = rejected(mapping, b);
        assertThat(rejected.record().get("zjhm")).isEqualTo(IdNumber.mask(EvaluationBodyRecords.ID));
        assertThat(rejected.record().get("xm")).isEqualTo("王*");
        assertThat(rejected.toString()).doesNotContain(EvaluationBodyRecords.ID);
    }

    @Test
    void aJsonPointerReadsANestedField() {
        RecordMapping mapping = parser.parse(BODY_B.replace("id_number: sfzh", "id_number: /person/idCardNo"),
                "body-b", 1);
        Map<String, Object> b = EvaluationBodyRecords.bodyB(EvaluationBodyRecords.canonical().get(0));
        b.put("person", new LinkedHashMap<>(Map.of("idCardNo", b.remove("sfzh"))));
        assertThat(summary(pipeline.process(record(b), mapping))).isEqualTo(summary(pipeline.process(
                record(EvaluationBodyRecords.canonical().get(0)), handWritten)));
    }

    // --- refusals: each names the origin, the line and the reason ---

    @Test
    void aFieldTheSchemaDoesNotHaveIsRefusedAtItsLine() {
        assertRefused(BODY_B.replace("  reason: cxyy", "  grade: cxyy"), 23, "field 'grade' is not a field of schema");
    }

    @Test
    void aValueMappedToNothingIsRefused() {
        assertRefused(BODY_B.replace("LEVEL_3: SENIOR", "LEVEL_3: "), 13, "value 'LEVEL_3' of field 'level' maps to nothing");
    }

    @Test
    void aValueMappedToAWordTheFieldCannotHoldIsRefused() {
        assertRefused(BODY_B.replace("LEVEL_3: SENIOR", "LEVEL_3: 特级"), 13, "'特级' is no level");
        assertRefused(BODY_B.replace("{ PASS: true, FAIL: false } }\n  ability_score",
                "{ PASS: true, FAIL: 否 } }\n  ability_score"), 17, "neither true nor false");
        assertRefused(BODY_B.replace("撤销: REVOCATION", "撤销: REVOKED"), 6, "'REVOKED' is none of");
    }

    @Test
    void aRequiredFieldLeftUnmappedIsRefused() {
        assertRefused(BODY_B.replace("  certificate_no: zsbh\n", ""), 3, "required field [certificate_no] of CERTIFICATE records is not mapped");
        // A body that sends only results need not map what only certificates need.
        String resultsOnly = BODY_B.replace("values: { 成绩: RESULT, 发证: CERTIFICATE, 撤销: REVOCATION }",
                "values: { 成绩: RESULT }").replace("  certificate_no: zsbh\n", "");
        assertThat(parser.parse(resultsOnly, "body-b", 1)).isNotNull();
    }

    @Test
    void anUnknownDateFormatOrTimeZoneIsRefused() {
        assertRefused(BODY_B.replace("date: yyyyMMdd", "date: yyyyMMddQQQQQQ"), 15, "is no date format");
        assertRefused(BODY_B.replace("timeZone: Asia/Shanghai", "timeZone: Asia/Zhengzhou"), 2, "is no time zone");
        assertRefused(BODY_B.replace("  reason: cxyy", "  reason: { from: cxyy, date: yyyyMMdd }"), 23,
                "field 'reason' is no date");
    }

    @Test
    void aKeyGivenTwiceOrBothFromAndConstantIsRefused() {
        assertRefused(BODY_B.replace("  reason: cxyy", "  reason: cxyy\n  record_id: cjbh2"), 24,
                "'record_id' is given twice");
        assertRefused(BODY_B.replace("{ constant: 中国电子学会 }", "{ constant: 中国电子学会, from: pjjg }"), 14,
                "exactly one of from: and constant:");
        assertRefused(BODY_B.replace("  record_id: cjbh", "  record_id: { form: cjbh }"), 7, "'form' is no key");
    }

    @Test
    void aRouteFileWithABrokenMappingIsRefusedWithTheFilesLine() {
        String file = """
                - templatedRoute:
                    routeTemplateRef: rest-page-poll
                    parameters:
                      - name: sourceId
                        value: body-b
                      - name: recordMapping
                        value: |
                """ + BODY_B.replace("  reason: cxyy", "  grade: cxyy").indent(10);
        RouteFiles.Declared declared = RouteFiles.mappings("routes/body-b.yaml", file).get(0);
        assertThat(declared.sourceId()).isEqualTo("body-b");
        assertThatThrownBy(() -> parser.parse(declared.text(), declared.file(), declared.firstLine()))
                .isInstanceOf(MappingRefusedException.class)
                .hasMessageStartingWith("routes/body-b.yaml:30: field 'grade'");
    }

    private void assertRefused(String mapping, int line, String reason) {
        assertThatThrownBy(() -> parser.parse(mapping, "routes/body-b.yaml", 1))
                .isInstanceOf(MappingRefusedException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((MappingRefusedException) e).line()).as(e.getMessage()).isEqualTo(line));
    }

    private RecordRejected rejected(RecordMapping mapping, Map<String, Object> fields) {
        RecordOutcome outcome = pipeline.process(record(fields), mapping);
        assertThat(outcome).isInstanceOf(RecordOutcome.Rejected.class);
        return (RecordRejected) outcome.event().data();
    }

    private static SourceRecord record(Map<String, Object> fields) {
        return new SourceRecord("evaluation-body.test", "/sources/evaluation-body-test", "p", fields);
    }
}
