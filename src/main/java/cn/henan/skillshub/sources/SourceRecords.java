package cn.henan.skillshub.sources;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.runtime.FieldReader;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.events.Rfc3339;
import cn.henan.skillshub.person.IdNumber;
import cn.henan.skillshub.person.InvalidIdNumberException;
import cn.henan.skillshub.person.PersonIdentity;
import cn.henan.skillshub.person.PersonKeys;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What the records of every source system read alike, whatever the way of pulling: the person behind an ID
 * number, the occupation (either edition's code), the level, a yes/no field, and the envelope whose id comes
 * from the record's key and version ({@code updated_at}). Shared by the real-name, evaluation-body and CE-hour
 * mappers so that one person is one key and one occupation one code across all three sources.
 */
@Component
public class SourceRecords {

    private final PersonKeys personKeys;
    private final ReferenceData reference;

    public SourceRecords(PersonKeys personKeys, ReferenceData reference) {
        this.personKeys = personKeys;
        this.reference = reference;
    }

    /** The person of field {@code id_number}; an invalid number is a reject that never quotes it. */
    public PersonIdentity person(FieldReader fields) throws RecordRejectedException {
        return person(fields, "id_number");
    }

    public PersonIdentity person(FieldReader fields, String field) throws RecordRejectedException {
        String raw = fields.required(field);
        try {
            return personKeys.identify(IdNumber.parse(raw));
        } catch (InvalidIdNumberException e) {
            throw new RecordRejectedException(RejectReason.INVALID_ID_NUMBER, field + ": " + e.getMessage());
        }
    }

    /** The occupation of field {@code occupation_code}, given as the plan prints it or in the 2022 edition. */
    public Occupation occupation(FieldReader fields) throws RecordRejectedException {
        String code = fields.required("occupation_code");
        return reference.occupation(code).orElseThrow(() -> new RecordRejectedException(
                RejectReason.UNKNOWN_OCCUPATION, "occupation code " + code + " is not one of the programme's ten"));
    }

    /** The level of field {@code level}: 初级/中级/高级 or JUNIOR/INTERMEDIATE/SENIOR. */
    public static Level level(FieldReader fields) throws RecordRejectedException {
        String text = fields.required("level");
        try {
            return Level.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RecordRejectedException(RejectReason.UNKNOWN_LEVEL, "level " + text + " is not 初级, 中级 or 高级");
        }
    }

    /**
     * A yes/no field as sources write it: JSON booleans, {@code true/false}, {@code 1/0}, {@code Y/N},
     * {@code 是/否}, {@code 合格/不合格}. Absent is {@code null}; anything else is a malformed record.
     */
    public static Boolean optionalBoolean(FieldReader fields, String field) throws RecordRejectedException {
        String text = fields.optional(field);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "y", "yes", "是", "合格", "通过" -> Boolean.TRUE;
            case "false", "0", "n", "no", "否", "不合格", "未通过" -> Boolean.FALSE;
            default -> throw new RecordRejectedException(RejectReason.MALFORMED_RECORD,
                    "field '" + field + "' is not a yes/no value");
        };
    }

    public static boolean requiredBoolean(FieldReader fields, String field) throws RecordRejectedException {
        Boolean value = optionalBoolean(fields, field);
        if (value == null) {
            throw new RecordRejectedException(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
        }
        return value;
    }

    /** The event of a record, its id derived from the record's key and version ({@code updated_at}). */
    public static CanonicalEvent event(EventType type, SourceRecord record, String recordKey, String kafkaKey,
                                       Object data) throws RecordRejectedException {
        Instant version = record.fields().requiredInstant("updated_at");
        return new CanonicalEvent(type, CanonicalEvent.idOf(record.sourceSystem(), recordKey, Rfc3339.of(version)),
                record.sourceSystem(), recordKey, OffsetDateTime.ofInstant(version, ZoneOffset.UTC), kafkaKey, data);
    }
}
