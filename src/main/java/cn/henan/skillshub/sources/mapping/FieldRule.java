package cn.henan.skillshub.sources.mapping;

import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.reference.CodeEdition;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.RecordRejectedException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Where one canonical field's value comes from and how it is spelt: a source field ({@code from}, a column name or
 * a JSON pointer such as {@code /person/idCardNo}) or a {@code constant}; a value map; a date or time format; for
 * an occupation, the edition of its codes or a look-up by name. Applying it gives the canonical value, or nothing
 * when the source left the field empty, or a reject naming the canonical field and its source — never the value of
 * a personal field.
 */
record FieldRule(String field, FieldKind kind, String from, List<String> pointer, String constant,
                 Map<String, String> values, TimeFormat format, Occupations occupations) {

    /** How an occupation is given: a code in either edition (the canonical reading), one edition's code, or the name. */
    enum Occupations { EITHER_EDITION, PLAN_EDITION, EDITION_2022, BY_NAME }

    /** The canonical value of this field in a source record, or null when the record has none. */
    Object apply(Map<String, Object> raw, ZoneId zone, ReferenceData reference) throws RecordRejectedException {
        if (constant != null) {
            return constant;
        }
        Object value = read(raw);
        if (value == null || (value instanceof String text && text.isBlank())) {
            return null;
        }
        if (values != null) {
            String mapped = values.get(value.toString().strip());
            if (mapped == null) {
                throw notInMap(value);
            }
            return kind == FieldKind.BOOLEAN ? Boolean.valueOf(mapped) : mapped;
        }
        return switch (kind) {
            case DATE -> format == null || format instanceof TimeFormat.Iso ? value : date(value, zone);
            case TIMESTAMP -> {
                if (format == null) {
                    yield value;
                }
                var instant = format.instant(value, zone);
                if (instant == null) {
                    throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, where()
                            + " is not a time in format " + format.describe());
                }
                yield instant.toString();
            }
            case OCCUPATION -> occupation(value.toString().strip(), reference);
            default -> value;
        };
    }

    private String date(Object value, ZoneId zone) throws RecordRejectedException {
        LocalDate date = format.date(value, zone);
        if (date == null) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, where() + " is not a date in format "
                    + format.describe());
        }
        return date.toString();
    }

    private Object occupation(String text, ReferenceData reference) throws RecordRejectedException {
        if (occupations == null || occupations == Occupations.EITHER_EDITION) {
            return text;
        }
        java.util.Optional<Occupation> occupation = switch (occupations) {
            case PLAN_EDITION -> reference.occupation(text, CodeEdition.PLAN);
            case EDITION_2022 -> reference.occupation(text, CodeEdition.CLASSIFICATION_2022);
            default -> reference.occupations().stream()
                    .filter(o -> o.name().equals(text) || o.field().equals(text)).findFirst();
        };
        return occupation.map(Occupation::code).orElseThrow(() -> new RecordRejectedException(
                RejectReason.UNKNOWN_OCCUPATION, where() + ": " + text + " is not one of the programme's ten occupations"
                        + switch (occupations) {
                            case PLAN_EDITION -> " in the plan's edition";
                            case EDITION_2022 -> " in the 2022 edition";
                            default -> " by name";
                        }));
    }

    private RecordRejectedException notInMap(Object value) {
        // Words of a closed set (levels, results, record types) are no personal data: naming them helps the operator.
        boolean quotable = kind == FieldKind.LEVEL || kind == FieldKind.BOOLEAN || kind == FieldKind.RECORD_TYPE;
        String what = where() + (quotable ? ": '" + value + "'" : "") + " is not in the mapping's values "
                + values.keySet();
        return new RecordRejectedException(kind == FieldKind.LEVEL ? RejectReason.UNKNOWN_LEVEL
                : RejectReason.MALFORMED_RECORD, what);
    }

    private String where() {
        return "field '" + field + "' (from '" + from + "')";
    }

    /** The source value: a top-level field, or the node a JSON pointer names in nested objects and arrays. */
    private Object read(Map<String, Object> raw) {
        if (pointer == null) {
            return raw.get(from);
        }
        Object node = raw;
        for (String segment : pointer) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(segment);
            } else if (node instanceof List<?> list && segment.matches("\\d{1,9}")) {
                int index = Integer.parseInt(segment);
                node = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node instanceof Map<?, ?> || node instanceof List<?> ? null : node;
    }

    /** The name a reject's masking knows this field's source by: the column, or the pointer's last segment. */
    String sourceName() {
        if (from == null) {
            return null;
        }
        return pointer == null || pointer.isEmpty() ? from : pointer.get(pointer.size() - 1);
    }
}
