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
        Map<String, Object> masked = new LinkedHashMap<>();
        fields.forEach((name, value) -> masked.put(name, mask(name, value)));
        return masked;
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
            String name = value.toString();
            return name.isEmpty() ? name : name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
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
