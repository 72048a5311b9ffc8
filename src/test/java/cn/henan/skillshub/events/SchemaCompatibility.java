package cn.henan.skillshub.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a JSON Schema may replace its released copy under the same {@code ce_type} (docs/events.md, "Schema
 * evolution"). Every event a topic already holds must still be valid, and a consumer that ignores unknown fields
 * must keep working; so a change may add an optional field, add an enum value, widen a type, loosen or drop a
 * bound, and open a closed object, and nothing else. The incompatible changes it names:
 * <ul>
 * <li>a field removed (or renamed: the old name is gone);
 * <li>a field newly required;
 * <li>a type narrowed (a JSON type no longer allowed), an enum or const narrowed (a value no longer allowed);
 * <li>a bound tightened or added (minLength, maxLength, minimum, maximum, minItems, maxItems, uniqueItems), a
 *     pattern or format added or changed (a pattern cannot be proved wider, so only dropping one passes);
 * <li>an open object closed ({@code additionalProperties: false} added);
 * <li>a keyword this check does not understand, changed ({@code oneOf}, {@code $ref}, ...): compared by hand, so it
 *     fails until the check learns it.
 * </ul>
 */
final class SchemaCompatibility {

    private static final Set<String> UNDERSTOOD = Set.of("$schema", "$id", "title", "description", "examples",
            "$comment", "type", "properties", "required", "additionalProperties", "items", "enum", "const", "pattern",
            "format", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "minItems", "maxItems", "uniqueItems", "default", "deprecated");
    private static final Set<String> ALL_TYPES = Set.of("string", "number", "integer", "boolean", "object", "array",
            "null");

    private SchemaCompatibility() {
    }

    /** What makes {@code current} incompatible with {@code released}; empty when it may replace it. */
    static List<String> problems(JsonNode released, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("$", released, current, problems);
        return problems;
    }

    private static void compare(String at, JsonNode old, JsonNode now, List<String> problems) {
        Set<String> keywords = new TreeSet<>();
        old.fieldNames().forEachRemaining(keywords::add);
        now.fieldNames().forEachRemaining(keywords::add);
        for (String keyword : keywords) {
            if (!UNDERSTOOD.contains(keyword) && !old.path(keyword).equals(now.path(keyword))) {
                problems.add(at + ": '" + keyword + "' changed, and this check cannot tell whether that is compatible");
            }
        }
        types(at, old, now, problems);
        values(at, old, now, problems);
        properties(at, old, now, problems);
        for (String bound : List.of("minLength", "minimum", "exclusiveMinimum", "minItems")) {
            tightened(at, bound, old, now, true, problems);
        }
        for (String bound : List.of("maxLength", "maximum", "exclusiveMaximum", "maxItems")) {
            tightened(at, bound, old, now, false, problems);
        }
        for (String exact : List.of("pattern", "format")) {
            if (now.has(exact) && !now.get(exact).equals(old.get(exact))) {
                problems.add(at + ": " + exact + " " + (old.has(exact) ? "changed from " + old.get(exact) + " to "
                        : "added: ") + now.get(exact) + " (a narrowed type; only dropping one is compatible)");
            }
        }
        if (now.path("uniqueItems").asBoolean(false) && !old.path("uniqueItems").asBoolean(false)) {
            problems.add(at + ": uniqueItems added (a narrowed type)");
        }
        if (old.has("items")) {
            if (now.has("items")) {
                compare(at + "[]", old.get("items"), now.get("items"), problems);
            }
        } else if (now.has("items")) {
            problems.add(at + ": items constrained where they were not (a narrowed type)");
        }
    }

    private static void types(String at, JsonNode old, JsonNode now, List<String> problems) {
        Set<String> before = typesOf(old);
        Set<String> after = typesOf(now);
        Set<String> lost = new LinkedHashSet<>(before);
        lost.removeAll(after);
        if (after.contains("number")) {
            lost.remove("integer");
        }
        if (!lost.isEmpty()) {
            problems.add(at + ": type narrowed, no longer " + lost);
        }
    }

    private static Set<String> typesOf(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return ALL_TYPES;
        }
        Set<String> types = new HashSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static void values(String at, JsonNode old, JsonNode now, List<String> problems) {
        Set<JsonNode> before = allowed(old);
        Set<JsonNode> after = allowed(now);
        if (after == null) {
            return;
        }
        if (before == null) {
            problems.add(at + ": enum/const added where any value was allowed (a narrowed enum)");
            return;
        }
        Set<JsonNode> lost = new LinkedHashSet<>(before);
        lost.removeAll(after);
        if (!lost.isEmpty()) {
            problems.add(at + ": enum narrowed, no longer " + lost);
        }
    }

    /** The values an enum or const allows; {@code null} when the schema allows any value. */
    private static Set<JsonNode> allowed(JsonNode schema) {
        if (schema.has("const")) {
            return Set.of(schema.get("const"));
        }
        if (schema.has("enum")) {
            Set<JsonNode> values = new LinkedHashSet<>();
            schema.get("enum").forEach(values::add);
            return values;
        }
        return null;
    }

    private static void properties(String at, JsonNode old, JsonNode now, List<String> problems) {
        JsonNode before = old.path("properties");
        JsonNode after = now.path("properties");
        before.fieldNames().forEachRemaining(name -> {
            if (!after.has(name)) {
                problems.add(at + "." + name + ": field removed or renamed");
            } else {
                compare(at + "." + name, before.get(name), after.get(name), problems);
            }
        });
        Set<String> required = new TreeSet<>();
        now.path("required").forEach(r -> required.add(r.asText()));
        old.path("required").forEach(r -> required.remove(r.asText()));
        for (String name : required) {
            problems.add(at + "." + name + ": " + (before.has(name) ? "field newly required" : "new required field"));
        }
        boolean wasOpen = !old.path("additionalProperties").isBoolean() || old.get("additionalProperties").asBoolean();
        boolean isClosed = now.path("additionalProperties").isBoolean() && !now.get("additionalProperties").asBoolean();
        if (wasOpen && isClosed) {
            problems.add(at + ": closed (additionalProperties: false) where unknown fields were allowed");
        } else if (old.path("additionalProperties").isObject() || now.path("additionalProperties").isObject()) {
            if (!old.path("additionalProperties").equals(now.path("additionalProperties"))) {
                problems.add(at + ": additionalProperties schema changed, and this check cannot tell whether that is "
                        + "compatible");
            }
        }
    }

    private static void tightened(String at, String bound, JsonNode old, JsonNode now, boolean lower,
                                  List<String> problems) {
        if (!now.has(bound)) {
            return;
        }
        if (!old.has(bound)) {
            problems.add(at + ": " + bound + " " + now.get(bound) + " added (a narrowed type)");
            return;
        }
        double before = old.get(bound).asDouble();
        double after = now.get(bound).asDouble();
        if (lower ? after > before : after < before) {
            problems.add(at + ": " + bound + " tightened from " + old.get(bound) + " to " + now.get(bound)
                    + " (a narrowed type)");
        }
    }
}
