package cn.henan.skillshub.sources.realname;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.PaymentMode;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.person.PersonIdentity;
import cn.henan.skillshub.reference.Institution;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.FieldReader;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.sources.SourceRecords;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * What the four feeds of the real-name system read alike: the trainee, the occupation, the level, the envelope.
 * The parts every source shares live in {@link SourceRecords}; this adds what is the real-name system's own.
 */
@Component
class RealNameRecords {

    private final SourceRecords common;
    private final ReferenceData reference;

    RealNameRecords(SourceRecords common, ReferenceData reference) {
        this.common = common;
        this.reference = reference;
    }

    PersonIdentity trainee(FieldReader fields) throws RecordRejectedException {
        return common.person(fields);
    }

    /** A date of something that has happened, real and plausible ({@link SourceRecords#pastDate}). */
    LocalDate pastDate(FieldReader fields, String field) throws RecordRejectedException {
        return common.pastDate(fields, field);
    }

    LocalDate optionalPastDate(FieldReader fields, String field) throws RecordRejectedException {
        return common.optionalPastDate(fields, field);
    }

    Occupation occupation(FieldReader fields) throws RecordRejectedException {
        return common.occupation(fields);
    }

    static Level level(FieldReader fields) throws RecordRejectedException {
        return SourceRecords.level(fields);
    }

    static PaymentMode paymentMode(FieldReader fields) throws RecordRejectedException {
        String text = fields.required("payment_mode");
        try {
            return PaymentMode.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new RecordRejectedException(RejectReason.MALFORMED_RECORD,
                    "payment_mode " + text + " is neither INSTITUTION_ADVANCE nor TRAINEE_DIRECT");
        }
    }

    String institutionCityCode(String institutionName) {
        return reference.institution(institutionName).map(Institution::cityCode).orElse(null);
    }

    /** Hours attended may not exceed the course's total: more is a recording error, not diligence. */
    static void checkWithinCourse(BigDecimal attended, BigDecimal courseTotal) throws RecordRejectedException {
        if (attended.compareTo(courseTotal) > 0) {
            throw new RecordRejectedException(RejectReason.HOURS_OVER_TOTAL,
                    "hours attended " + attended + " exceed the course total " + courseTotal);
        }
    }

    /** The event of a row, its id derived from the row's key and version ({@code updated_at}). */
    static CanonicalEvent event(EventType type, SourceRecord record, String recordKey, String kafkaKey, Object data)
            throws RecordRejectedException {
        return SourceRecords.event(type, record, recordKey, kafkaKey, data);
    }
}
