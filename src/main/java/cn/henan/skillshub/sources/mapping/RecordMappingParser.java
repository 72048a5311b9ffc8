package cn.henan.skillshub.sources.mapping;

import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.ReferenceData;
import com.fasterxml.jackson.core.JsonPointer;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a record mapping with SnakeYAML's node API, which keeps every node's line, and refuses one that could give a
 * wrong value: an unknown key, a field the schema does not have, a field both taken from the source and constant or
 * neither, a value mapped to nothing or to a word the field cannot hold, a date format that is none, a time zone
 * that does not exist, a key given twice, a required field left unmapped.
 *
 * <pre>
 * schema: evaluation-body          # the canonical record it fills in
 * timeZone: Asia/Shanghai          # the body's local times and dates (the default)
 * fields:
 *   id_number: sfzh                # shorthand for { from: sfzh }
 *   level:
 *     from: /cert/grade            # a JSON pointer into a REST record
 *     values: { 三级: INTERMEDIATE, 四级: JUNIOR }
 *   issued_on: { from: fzrq, date: yyyyMMdd }
 *   occupation_code: { from: zymc, lookup: name }
 *   evaluation_body: { constant: 某评价机构 }
 * </pre>
 */
public final class RecordMappingParser {

    static final String DEFAULT_ZONE = "Asia/Shanghai";
    private static final Set<String> TOP_KEYS = Set.of("schema", "timeZone", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("from", "constant", "values", "date", "timestamp", "edition",
            "lookup");

    private final Map<String, RecordSchema> schemas;
    private final ReferenceData reference;

    public RecordMappingParser(List<RecordSchema> schemas, ReferenceData reference) {
        this.schemas = new LinkedHashMap<>();
        schemas.forEach(s -> this.schemas.put(s.name(), s));
        this.reference = reference;
    }

    /**
     * @param origin    the file ({@code routes/x.yaml}) or route the text comes from, for the refusal's message
     * @param firstLine the line of the file the text's first line is on (1 when the text is the whole file)
     * @throws MappingRefusedException naming the origin, the line and the reason
     */
    public RecordMapping parse(String text, String origin, int firstLine) {
        return new Reading(origin, firstLine).mapping(text);
    }

    private final class Reading {
        private final String origin;
        private final int firstLine;
        private RecordSchema schema;

        Reading(String origin, int firstLine) {
            this.origin = origin;
            this.firstLine = firstLine;
        }

        RecordMapping mapping(String text) {
            Node root;
            try {
                root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            } catch (MarkedYAMLException e) {
                throw new MappingRefusedException(origin, firstLine + e.getProblemMark().getLine(),
                        "not YAML: " + e.getProblem());
            }
            if (!(root instanceof MappingNode top)) {
                throw refused(root, "a record mapping is a YAML mapping with schema, timeZone and fields");
            }
            Map<String, NodeTuple> keys = keys(top, TOP_KEYS, "a record mapping");
            schema = schema(keys.get("schema"), top);
            ZoneId zone = zone(keys.get("timeZone"));
            NodeTuple fields = keys.get("fields");
            if (fields == null || !(fields.getValueNode() instanceof MappingNode fieldNodes)) {
                throw refused(fields == null ? top : fields.getValueNode(), "fields: is missing or not a mapping");
            }
            List<FieldRule> rules = new ArrayList<>();
            for (Map.Entry<String, NodeTuple> field : keys(fieldNodes, null, "fields").entrySet()) {
                FieldKind kind = schema.fields().get(field.getKey());
                if (kind == null) {
                    throw refused(field.getValue().getKeyNode(), "field '" + field.getKey()
                            + "' is not a field of schema " + schema.name() + " (its fields: "
                            + String.join(", ", schema.fields().keySet()) + ")");
                }
                rules.add(rule(field.getKey(), kind, field.getValue().getValueNode()));
            }
            requireMapped(schema, rules, fields);
            return new RecordMapping(schema, zone, rules, reference);
        }

        private RecordSchema schema(NodeTuple tuple, Node top) {
            if (tuple == null) {
                throw refused(top, "schema: is missing; one of " + schemas.keySet());
            }
            String name = scalar(tuple.getValueNode(), "schema");
            RecordSchema schema = schemas.get(name);
            if (schema == null) {
                throw refused(tuple.getValueNode(), "schema '" + name + "' is none of " + schemas.keySet());
            }
            return schema;
        }

        private ZoneId zone(NodeTuple tuple) {
            if (tuple == null) {
                return ZoneId.of(DEFAULT_ZONE);
            }
            String name = scalar(tuple.getValueNode(), "timeZone");
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                throw refused(tuple.getValueNode(), "timeZone '" + name + "' is no time zone (e.g. Asia/Shanghai)");
            }
        }

        private FieldRule rule(String field, FieldKind kind, Node node) {
            if (node instanceof ScalarNode) {
                String from = scalar(node, field);
                return new FieldRule(field, kind, from, pointer(from, node), null, null, null, null);
            }
            if (!(node instanceof MappingNode spec)) {
                throw refused(node, "field '" + field + "' is mapped by a column name or a mapping with from:");
            }
            Map<String, NodeTuple> keys = keys(spec, FIELD_KEYS, "field '" + field + "'");
            NodeTuple from = keys.get("from");
            NodeTuple constant = keys.get("constant");
            if ((from == null) == (constant == null)) {
                throw refused(spec, "field '" + field + "' needs exactly one of from: and constant:");
            }
            String fromText = from == null ? null : scalar(from.getValueNode(), field + ".from");
            String constantText = null;
            if (constant != null) {
                constantText = scalar(constant.getValueNode(), field + ".constant");
                checkTarget(field, kind, constantText, constant.getValueNode());
                if (keys.size() > 1) {
                    throw refused(spec, "field '" + field + "' is a constant: it takes no other option");
                }
            }
            Map<String, String> values = keys.containsKey("values") ? values(field, kind, keys.get("values")) : null;
            TimeFormat format = null;
            NodeTuple date = keys.get("date");
            NodeTuple timestamp = keys.get("timestamp");
            if (date != null) {
                format = format(field, kind, FieldKind.DATE, date);
            }
            if (timestamp != null) {
                format = format(field, kind, FieldKind.TIMESTAMP, timestamp);
            }
            if (format != null && values != null) {
                throw refused(spec, "field '" + field + "' has both values: and a format");
            }
            FieldRule.Occupations occupations = occupations(field, kind, keys.get("edition"), keys.get("lookup"));
            if (kind == FieldKind.DATE && constantText != null) {
                checkDate(field, constantText, constant.getValueNode());
            }
            return new FieldRule(field, kind, fromText, fromText == null ? null : pointer(fromText, from.getValueNode()),
                    constantText, values, format, occupations);
        }

        private Map<String, String> values(String field, FieldKind kind, NodeTuple tuple) {
            if (!(tuple.getValueNode() instanceof MappingNode map)) {
                throw refused(tuple.getValueNode(), "values: of field '" + field + "' is not a mapping");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> entry : keys(map, null, "values of field '" + field + "'").entrySet()) {
                Node target = entry.getValue().getValueNode();
                String text = target instanceof ScalarNode s ? s.getValue().strip() : null;
                if (text == null || text.isEmpty() || "null".equals(text) || "~".equals(text)) {
                    throw refused(target, "value '" + entry.getKey() + "' of field '" + field + "' maps to nothing");
                }
                values.put(entry.getKey().strip(), canonicalTarget(field, kind, text, target));
            }
            if (values.isEmpty()) {
                throw refused(map, "values: of field '" + field + "' is empty");
            }
            return values;
        }

        /** A value map's target in the canonical spelling; refused if the field cannot hold it. */
        private String canonicalTarget(String field, FieldKind kind, String target, Node node) {
            checkTarget(field, kind, target, node);
            return kind == FieldKind.BOOLEAN ? target.toLowerCase(Locale.ROOT) : target;
        }

        private void checkTarget(String field, FieldKind kind, String target, Node node) {
            switch (kind) {
                case LEVEL -> {
                    try {
                        Level.parse(target);
                    } catch (IllegalArgumentException e) {
                        throw refused(node, "field '" + field + "': '" + target
                                + "' is no level (初级/中级/高级 or JUNIOR/INTERMEDIATE/SENIOR)");
                    }
                }
                case BOOLEAN -> {
                    if (!"true".equalsIgnoreCase(target) && !"false".equalsIgnoreCase(target)) {
                        throw refused(node, "field '" + field + "': '" + target + "' is neither true nor false");
                    }
                }
                default -> {
                }
            }
            if (kind == FieldKind.RECORD_TYPE && !schema.recordTypes().contains(target)) {
                throw refused(node, "field '" + field + "': '" + target + "' is none of " + schema.recordTypes());
            }
        }

        private void checkDate(String field, String text, Node node) {
            try {
                java.time.LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw refused(node, "field '" + field + "': constant '" + text + "' is not a date (yyyy-MM-dd)");
            }
        }

        private TimeFormat format(String field, FieldKind kind, FieldKind wanted, NodeTuple tuple) {
            String option = wanted == FieldKind.DATE ? "date" : "timestamp";
            if (kind != wanted) {
                throw refused(tuple.getKeyNode(), "field '" + field + "' is no " + option + ": " + option
                        + ": does not apply");
            }
            String text = scalar(tuple.getValueNode(), field + "." + option);
            try {
                return TimeFormat.of(text);
            } catch (IllegalArgumentException e) {
                throw refused(tuple.getValueNode(), "field '" + field + "': '" + text + "' is no date format (iso,"
                        + " epoch-millis, epoch-seconds or a pattern such as yyyyMMdd): " + e.getMessage());
            }
        }

        private FieldRule.Occupations occupations(String field, FieldKind kind, NodeTuple edition, NodeTuple lookup) {
            if (edition == null && lookup == null) {
                return null;
            }
            NodeTuple given = edition != null ? edition : lookup;
            if (kind != FieldKind.OCCUPATION) {
                throw refused(given.getKeyNode(), "field '" + field + "' is no occupation: edition:/lookup: do not apply");
            }
            if (edition != null && lookup != null) {
                throw refused(lookup.getKeyNode(), "field '" + field + "' has both edition: and lookup:");
            }
            String text = scalar(given.getValueNode(), field);
            if (lookup != null) {
                if (!"name".equals(text)) {
                    throw refused(given.getValueNode(), "lookup: '" + text + "' is not name");
                }
                return FieldRule.Occupations.BY_NAME;
            }
            return switch (text) {
                case "plan" -> FieldRule.Occupations.PLAN_EDITION;
                case "2022" -> FieldRule.Occupations.EDITION_2022;
                case "either" -> FieldRule.Occupations.EITHER_EDITION;
                default -> throw refused(given.getValueNode(), "edition: '" + text + "' is none of plan, 2022, either");
            };
        }

        private List<String> pointer(String from, Node node) {
            if (!from.startsWith("/")) {
                return null;
            }
            JsonPointer pointer;
            try {
                pointer = JsonPointer.compile(from);
            } catch (IllegalArgumentException e) {
                throw refused(node, "'" + from + "' is no JSON pointer: " + e.getMessage());
            }
            List<String> segments = new ArrayList<>();
            for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
                segments.add(p.getMatchingProperty());
            }
            return segments;
        }

        /** The fields every record type the mapping can give needs, mapped — else refused at the fields: line. */
        private void requireMapped(RecordSchema schema, List<FieldRule> rules, NodeTuple fields) {
            Set<String> mapped = new HashSet<>();
            rules.forEach(r -> mapped.add(r.field()));
            Set<String> types = new LinkedHashSet<>(schema.recordTypes());
            for (FieldRule rule : rules) {
                if (rule.field().equals(schema.typeField())) {
                    if (rule.constant() != null) {
                        types = Set.of(rule.constant());
                    } else if (rule.values() != null) {
                        types = new LinkedHashSet<>(rule.values().values());
                    }
                }
            }
            for (String type : types) {
                Set<String> missing = new TreeSet<>(schema.requiredFor(type));
                missing.removeAll(mapped);
                if (!missing.isEmpty()) {
                    throw refused(fields.getKeyNode(), "required field" + (missing.size() > 1 ? "s " : " ") + missing
                            + " of " + type + " records " + (missing.size() > 1 ? "are" : "is") + " not mapped");
                }
            }
        }

        /** The keys of a mapping node, each once, each a scalar, each allowed (null: any). */
        private Map<String, NodeTuple> keys(MappingNode node, Set<String> allowed, String what) {
            Map<String, NodeTuple> keys = new LinkedHashMap<>();
            for (NodeTuple tuple : node.getValue()) {
                String key = scalar(tuple.getKeyNode(), what);
                if (allowed != null && !allowed.contains(key)) {
                    throw refused(tuple.getKeyNode(), "'" + key + "' is no key of " + what + " (" + new TreeSet<>(allowed)
                            + ")");
                }
                if (keys.putIfAbsent(key, tuple) != null) {
                    throw refused(tuple.getKeyNode(), "'" + key + "' is given twice in " + what);
                }
            }
            return keys;
        }

        private String scalar(Node node, String what) {
            if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
                throw refused(node, what + " needs a single value");
            }
            return s.getValue().strip();
        }

        private MappingRefusedException refused(Node node, String reason) {
            int line = node == null ? firstLine : firstLine + node.getStartMark().getLine();
            return new MappingRefusedException(origin, line, reason);
        }
    }
}
