package cn.henan.skillshub.runtime;

import cn.henan.skillshub.person.IdNumber;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Masks the personal fields of a raw record before it leaves the hub in a reject (PIPL): ID numbers to
 * {@code 410***********1234}, names to their first character, phone numbers to their first 3 and last 4 digits.
 * A field is judged by its name, so a source that calls its ID column {@code sfzh} must be listed here.
 */
public final class PersonalFields {

    private PersonalFields() {
    }

    public static Map<String, Object> masked(Map<String, Object> fields) {
        return masked(fields, java.util.Set.of(), java.util.Set.of());
    }

    /**
     * As {@link #masked(Map)}, and the fields named in {@code idFields} masked as ID numbers, those in
     * {@code nameFields} as names, whatever their names (a body's {@code zjhm}, {@code xm}). Nested objects (a
     * REST record's {@code person}) are masked field by field, at any depth.
     */
    public static Map<String, Object> masked(Map<String, Object> fields, java.util.Set<String> idFields,
                                             java.util.Set<String> nameFields) {
        Map<String, Object> masked = new LinkedHashMap<>();
        fields.forEach((name, value) -> masked.put(name, idFields.contains(name) && value != null
                ? IdNumber.mask(value.toString())
                : nameFields.contains(name) && value != null ? name(value.toString())
                : value instanceof Map<?, ?> nested ? masked(stringKeys(nested), idFields, nameFields)
                : value instanceof java.util.List<?> list ? list.stream().map(item -> item instanceof Map<?, ?> m
                        ? masked(stringKeys(m), idFields, nameFields) : item == null ? null : "***").toList()
                : mask(name, value)));
        return masked;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static String name(String name) {
        if (name.isEmpty()) {
            return name;
        }
        int first = name.codePointAt(0); // a name's first character may lie outside the BMP (𠀀): never half of it
        int rest = name.codePointCount(0, name.length()) - 1;
        return new String(Character.toChars(first)) + "*".repeat(Math.max(1, rest));
    }

    private static Object mask(String field, Object value) {
        if (value == null) {
            return null;
        }
        String key = field.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (key.contains("idnumber") || key.contains("idno") || key.contains("idcard") || key.equals("sfzh")) {
            return IdNumber.mask(value.toString());
        }
        if (key.endsWith("name") && !key.contains("institution") && !key.contains("body") && !key.contains("file")) {
            return name(value.toString());
        }
        if (key.contains("phone") || key.contains("mobile")) {
            String phone = value.toString();
            return phone.length() < 8 ? "***" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }
}
