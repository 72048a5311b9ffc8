package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.RejectReason;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Typed, checked access to a source record's fields. Each failure is a reject with its reason code and a
 * message naming the field — never its value, which may be personal.
 */
public final class FieldReader {

    private final Map<String, Object> fields;

    FieldReader(Map<String, Object> fields) {
        this.fields = fields;
    }

    public String required(String field) throws RecordRejectedException {
        String value = optional(field);
        if (value == null) {
            throw new RecordRejectedException(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
        }
        return value;
    }

    public String optional(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    public LocalDate requiredDate(String field) throws RecordRejectedException {
        LocalDate date = optionalDate(field);
        if (date == null) {
            throw new RecordRejectedException(RejectReason.MISSING_FIELD, "required date '" + field + "' is missing");
        }
        return date;
    }

    public LocalDate optionalDate(String field) throws RecordRejectedException {
        Object value = fields.get(field);
        if (value instanceof java.sql.Date sqlDate) {
            return sqlDate.toLocalDate();
        }
        if (value instanceof LocalDate localDate) {
            return localDate;
        }
        String text = optional(field);
        if (text == null) {
            return null;
        }
        try {
            return IsoText.date(text);
        } catch (DateTimeException e) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, "field '" + field + "' is not a real date");
        }
    }

    /** Hours attended or planned: present, numeric, not negative. */
    public BigDecimal hours(String field) throws RecordRejectedException {
        BigDecimal hours = decimal(field);
        if (hours == null) {
            throw new RecordRejectedException(RejectReason.MISSING_FIELD, "required hours '" + field + "' are missing");
        }
        if (hours.signum() < 0) {
            throw new RecordRejectedException(RejectReason.NEGATIVE_HOURS, "hours '" + field + "' are negative");
        }
        return hours;
    }

    public BigDecimal decimal(String field) throws RecordRejectedException {
        Object value = fields.get(field);
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        String text = optional(field);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new RecordRejectedException(RejectReason.MALFORMED_RECORD, "field '" + field + "' is not a number");
        }
    }

    public Instant requiredInstant(String field) throws RecordRejectedException {
        Object value = fields.get(field);
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        String text = required(field);
        try {
            return IsoText.instant(text);
        } catch (DateTimeException e) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, "field '" + field + "' is not a timestamp");
        }
    }
}
