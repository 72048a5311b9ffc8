package cn.henan.skillshub.sources.assessment;

import cn.henan.skillshub.events.AssessmentResultRecorded;
import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.CertificateRevoked;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.person.PersonIdentity;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.rules.LevelCertificateNeedsBothParts;
import cn.henan.skillshub.rules.PlausibleDates;
import cn.henan.skillshub.runtime.FieldReader;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.sources.SourceRecords;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A record of an evaluation body, by its {@code record_type}: {@code RESULT} → {@code result-recorded},
 * {@code CERTIFICATE} → {@code certificate-issued}, {@code REVOCATION} → {@code certificate-revoked}. One mapper
 * for every body and every way of delivery: REST JSON and SFTP CSV carry the same snake_case fields
 * (record_type, record_id, id_number, full_name, occupation_code, level, evaluation_body, assessed_on,
 * theory_score, theory_passed, ability_score, ability_passed, certificate_no, issued_on, revoked_on, reason,
 * updated_at — the record's version).
 */
@Component(EvaluationBodyRecordMapper.BEAN)
class EvaluationBodyRecordMapper implements SourceRecordMapper {

    static final String BEAN = "evaluationBodyRecordMapper";
    private static final BigDecimal MAX_SCORE = BigDecimal.valueOf(100);

    private final SourceRecords records;

    EvaluationBodyRecordMapper(SourceRecords records) {
        this.records = records;
    }

    @Override
    public CanonicalEvent map(SourceRecord record) throws RecordRejectedException {
        FieldReader f = record.fields();
        String type = f.required("record_type");
        return switch (type.toUpperCase(java.util.Locale.ROOT)) {
            case "RESULT" -> result(record, f);
            case "CERTIFICATE" -> certificate(record, f);
            case "REVOCATION" -> revocation(record, f);
            default -> throw new RecordRejectedException(RejectReason.MALFORMED_RECORD,
                    "record_type '" + type + "' is none of RESULT, CERTIFICATE, REVOCATION");
        };
    }

    private CanonicalEvent result(SourceRecord record, FieldReader f) throws RecordRejectedException {
        String resultId = f.required("record_id");
        PersonIdentity person = records.person(f);
        Occupation occupation = records.occupation(f);
        Level level = SourceRecords.level(f);
        AssessmentResultRecorded data = new AssessmentResultRecorded(resultId, person.personKey(), person.maskedId(),
                f.required("evaluation_body"), occupation.code(), level, records.pastDate(f, "assessed_on"),
                score(f, "theory_score"), SourceRecords.requiredBoolean(f, "theory_passed"),
                score(f, "ability_score"), SourceRecords.requiredBoolean(f, "ability_passed"));
        return SourceRecords.event(EventType.ASSESSMENT_RESULT_RECORDED, record, "result/" + resultId,
                person.personKey(), data);
    }

    private CanonicalEvent certificate(SourceRecord record, FieldReader f) throws RecordRejectedException {
        String certificateNo = f.required("certificate_no");
        PersonIdentity person = records.person(f);
        Occupation occupation = records.occupation(f);
        Level level = SourceRecords.level(f);
        LocalDate issuedOn = records.pastDate(f, "issued_on");
        LocalDate assessedOn = records.optionalPastDate(f, "assessed_on");
        if (PlausibleDates.endsBeforeStart(assessedOn, issuedOn)) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, "issued_on is before assessed_on");
        }
        Set<ComplianceFlag> flags = EnumSet.noneOf(ComplianceFlag.class);
        if (LevelCertificateNeedsBothParts.certificateWithFailedPart(SourceRecords.optionalBoolean(f, "theory_passed"),
                SourceRecords.optionalBoolean(f, "ability_passed"))) {
            flags.add(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART);
        }
        CertificateIssued data = new CertificateIssued(certificateNo, person.personKey(), person.maskedId(),
                person.birthMonth().toString(), f.required("evaluation_body"), occupation.code(), level, issuedOn,
                flags);
        return SourceRecords.event(EventType.CERTIFICATE_ISSUED, record, "certificate/" + certificateNo,
                person.personKey(), data);
    }

    private CanonicalEvent revocation(SourceRecord record, FieldReader f) throws RecordRejectedException {
        String certificateNo = f.required("certificate_no");
        PersonIdentity person = records.person(f);
        Occupation occupation = records.occupation(f);
        Level level = SourceRecords.level(f);
        LocalDate revokedOn = records.pastDate(f, "revoked_on");
        LocalDate issuedOn = records.optionalPastDate(f, "issued_on");
        if (PlausibleDates.endsBeforeStart(issuedOn, revokedOn)) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, "revoked_on is before issued_on");
        }
        CertificateRevoked data = new CertificateRevoked(certificateNo, person.personKey(),
                f.required("evaluation_body"), occupation.code(), level, revokedOn, f.optional("reason"));
        return SourceRecords.event(EventType.CERTIFICATE_REVOKED, record, "revocation/" + certificateNo,
                person.personKey(), data);
    }

    /** A score out of 100: present, numeric, between 0 and 100. */
    private static BigDecimal score(FieldReader f, String field) throws RecordRejectedException {
        BigDecimal score = f.decimal(field);
        if (score == null) {
            throw new RecordRejectedException(RejectReason.MISSING_FIELD, "required score '" + field + "' is missing");
        }
        if (score.signum() < 0 || score.compareTo(MAX_SCORE) > 0) {
            throw new RecordRejectedException(RejectReason.MALFORMED_RECORD, "score '" + field + "' is not 0..100");
        }
        return score;
    }
}
