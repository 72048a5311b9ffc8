package cn.henan.skillshub.sources.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.henan.skillshub.events.AssessmentResultRecorded;
import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.CertificateRevoked;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventSchemas;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.person.IdNumber;
import cn.henan.skillshub.person.PersonKeys;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.sources.SourceRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation-body mapper on records as REST (JSON types) and SFTP (CSV strings) deliver them. */
class EvaluationBodyRecordMapperTests {

    private static final String ID = "41010219900307123" + IdNumber.checkCharacter("41010219900307123");
    private final EvaluationBodyRecordMapper mapper = new EvaluationBodyRecordMapper(
            new SourceRecords(new PersonKeys("unit-test-secret-0123456789"), new ReferenceData()));

    @Test
    void aResultFromJsonBecomesResultRecordedWithBothParts() throws Exception {
        Map<String, Object> fields = base("RESULT");
        fields.put("assessed_on", "2025-06-10");
        fields.put("theory_score", 82.5);
        fields.put("theory_passed", true);
        fields.put("ability_score", 58);
        fields.put("ability_passed", false);
        CanonicalEvent event = mapper.map(record(fields));
        assertThat(event.type()).isEqualTo(EventType.ASSESSMENT_RESULT_RECORDED);
        AssessmentResultRecorded data = (AssessmentResultRecorded) event.data();
        assertThat(data.theoryScore()).isEqualByComparingTo("82.5");
        assertThat(data.theoryPassed()).isTrue();
        assertThat(data.abilityPassed()).isFalse();
        assertThat(data.level()).isEqualTo(Level.INTERMEDIATE);
        assertThat(data.maskedIdNumber()).isEqualTo(IdNumber.mask(ID));
        assertThat(event.subject()).isEqualTo("result/R1");
        assertThat(event.key()).startsWith("pk-");
    }

    @Test
    void aCertificateWhoseRecordSaysAPartFailedIsFlaggedNotRejected_理论知识考试专业能力考核成绩均合格() throws Exception {
        Map<String, Object> fields = base("CERTIFICATE");
        fields.put("certificate_no", "C-1");
        fields.put("issued_on", "2025-07-01");
        fields.put("theory_passed", "true");
        fields.put("ability_passed", "false");
        CertificateIssued data = (CertificateIssued) mapper.map(record(fields)).data();
        assertThat(data.complianceFlags()).containsExactly(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART);

        fields.put("ability_passed", "true");
        assertThat(((CertificateIssued) mapper.map(record(fields)).data()).complianceFlags()).isEmpty();
        fields.remove("theory_passed");
        fields.remove("ability_passed");
        assertThat(((CertificateIssued) mapper.map(record(fields)).data()).complianceFlags()).isEmpty();
    }

    @Test
    void aRevocationBecomesCertificateRevoked() throws Exception {
        Map<String, Object> fields = base("REVOCATION");
        fields.put("certificate_no", "C-1");
        fields.put("revoked_on", "2025-08-01");
        fields.put("reason", "考核作弊");
        CanonicalEvent event = mapper.map(record(fields));
        assertThat(event.type()).isEqualTo(EventType.CERTIFICATE_REVOKED);
        assertThat(((CertificateRevoked) event.data()).reason()).isEqualTo("考核作弊");
    }

    @Test
    void anUnknownRecordTypeIsAMalformedRecord() {
        assertThatThrownBy(() -> mapper.map(record(base("APPEAL"))))
                .isInstanceOf(RecordRejectedException.class)
                .extracting(e -> ((RecordRejectedException) e).reason()).isEqualTo(RejectReason.MALFORMED_RECORD);
    }

    @Test
    void theSameVersionOfARecordGivesTheSameEventId() throws Exception {
        Map<String, Object> fields = base("CERTIFICATE");
        fields.put("certificate_no", "C-9");
        fields.put("issued_on", "2025-07-01");
        String first = mapper.map(record(fields)).id();
        assertThat(mapper.map(record(fields)).id()).isEqualTo(first);
        fields.put("updated_at", "2025-07-02T09:00:00Z");
        assertThat(mapper.map(record(fields)).id()).isNotEqualTo(first);
    }

    @Test
    void theRecordValueIsExactlyTheEventDataAsJsonTheSchemaCheckReadItOnce() throws Exception {
        Map<String, Object> fields = base("RESULT");
        fields.put("assessed_on", "2025-06-10");
        fields.put("theory_score", "80.0"); // a trailing zero, as a CSV file writes it: a number tree would drop it
        fields.put("theory_passed", "true");
        fields.put("ability_score", "58.25");
        fields.put("ability_passed", "false");
        RecordOutcome outcome = new RecordPipeline(new EventSchemas()).process(record(fields), mapper);

        assertThat(outcome).isInstanceOf(RecordOutcome.Accepted.class);
        byte[] value = outcome.toRecord().value();
        assertThat(new String(value, StandardCharsets.UTF_8))
                .isEqualTo(EventJson.mapper().writeValueAsString(outcome.event().data()))
                .contains("80.0", "58.25", "2025-06-10");
    }

    private static Map<String, Object> base(String type) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("record_type", type);
        fields.put("record_id", "R1");
        fields.put("id_number", ID);
        fields.put("full_name", "王伟");
        fields.put("occupation_code", "2-02-10-09");
        fields.put("level", "中级");
        fields.put("evaluation_body", "中国电子学会");
        fields.put("updated_at", "2025-07-01T08:00:00Z");
        return fields;
    }

    private static SourceRecord record(Map<String, Object> fields) {
        return new SourceRecord("evaluation-body.test", "/sources/evaluation-body-test", "p", fields);
    }
}
