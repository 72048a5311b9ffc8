package cn.henan.skillshub.sources.mapping;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.PersonalFields;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source's declared record mapping, compiled: each canonical field's rule, the body's time zone, the schema.
 * Mapping a record fills in the canonical record and hands it to the schema's mapper, which applies the plan's rules
 * exactly as for a body that sends the canonical fields itself — so the same record gives the same event, reject
 * and flags either way. Stateless, as every mapper.
 */
public final class RecordMapping implements SourceRecordMapper {

    private final RecordSchema schema;
    private final ZoneId zone;
    private final List<FieldRule> rules;
    private final ReferenceData reference;
    private final Set<String> idSources;
    private final Set<String> nameSources;
    private final Set<String> columns;

    RecordMapping(RecordSchema schema, ZoneId zone, List<FieldRule> rules, ReferenceData reference) {
        this.schema = schema;
        this.zone = zone;
        this.rules = List.copyOf(rules);
        this.reference = reference;
        this.idSources = sources(rules, FieldKind.ID_NUMBER);
        this.nameSources = sources(rules, FieldKind.PERSON_NAME);
        this.columns = rules.stream().filter(r -> r.from() != null && r.pointer() == null).map(FieldRule::from)
                .collect(Collectors.toUnmodifiableSet());
    }

    public RecordSchema schema() {
        return schema;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public CanonicalEvent map(SourceRecord record) throws RecordRejectedException {
        return schema.canonicalMapper().map(canonical(record));
    }

    /** The canonical record of a body's record: the schema's field names and spellings, the same position. */
    public SourceRecord canonical(SourceRecord record) throws RecordRejectedException {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldRule rule : rules) {
            Object value = rule.apply(record.rawFields(), zone, reference);
            if (value != null) {
                fields.put(rule.field(), value);
            }
        }
        return new SourceRecord(record.sourceId(), record.sourceSystem(), record.position(), fields);
    }

    /** The columns (top-level fields) the rules read from; a JSON pointer's nested fields are not among them. */
    @Override
    public Set<String> sourceColumns() {
        return columns;
    }

    @Override
    public Map<String, Object> masked(Map<String, Object> rawFields) {
        return PersonalFields.masked(rawFields, idSources, nameSources);
    }

    private static Set<String> sources(List<FieldRule> rules, FieldKind kind) {
        return rules.stream().filter(r -> r.kind() == kind && r.sourceName() != null).map(FieldRule::sourceName)
                .collect(Collectors.toUnmodifiableSet());
    }
}
