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
import cn.henan.skillshub.rules.PlausibleDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
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
    private final PlausibleDates dates;

    /** With the default plausible dates ({@link PlausibleDates#PlausibleDates()}): unit tests. */
    public SourceRecords(PersonKeys personKeys, ReferenceData reference) {
        this(personKeys, reference, new PlausibleDates());
    }

    @Autowired
    public SourceRecords(PersonKeys personKeys, ReferenceData reference, PlausibleDates dates) {
        this.personKeys = personKeys;
        this.reference = reference;
        this.dates = dates;
    }

    /**
     * The date of a fact that has happened (enrolled, completed, reported, assessed, issued, revoked): a real date,
     * and a plausible one ({@link PlausibleDates}) — else {@link RejectReason#IMPOSSIBLE_DATE} naming the field.
     */
    public LocalDate pastDate(FieldReader fields, String field) throws RecordRejectedException {
        return plausible(field, fields.requiredDate(field));
    }

    /** {@link #pastDate}, for a field that may be absent ({@code null}). */
    public LocalDate optionalPastDate(FieldReader fields, String field) throws RecordRejectedException {
        return plausible(field, fields.optionalDate(field));
    }

    /** A year of a fact (CE hours are registered for a year), plausible as {@link PlausibleDates#implausibleYear}. */
    public void checkPlausibleYear(String field, int year) throws RecordRejectedException {
        var problem = dates.implausibleYear(year);
        if (problem.isPresent()) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, "field '" + field + "': " + problem.get());
        }
    }

    private LocalDate plausible(String field, LocalDate date) throws RecordRejectedException {
        var problem = dates.implausible(date);
        if (problem.isPresent()) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, "field '" + field + "': " + problem.get());
        }
        return date;
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
