package cn.henan.skillshub.sources.mapping;

import cn.henan.skillshub.runtime.SourceRecordMapper;
import java.util.Map;
import java.util.Set;

/**
 * The canonical record of one kind of source (an evaluation body's records): its fields and what each holds, the
 * field that says the record's type, the fields every record needs and those each type needs, and the mapper that
 * turns a canonical record into its event with the plan's rules. A declared mapping fills in the canonical record.
 */
public interface RecordSchema {

    /** The name a mapping gives in {@code schema:}, e.g. {@code evaluation-body}. */
    String name();

    /** Every canonical field, in the order the schema documents them. */
    Map<String, FieldKind> fields();

    /** The field of kind {@link FieldKind#RECORD_TYPE}. */
    String typeField();

    /** The record types, in canonical spelling. */
    Set<String> recordTypes();

    /** The fields a record of this type cannot do without (those every record needs included). */
    Set<String> requiredFor(String recordType);

    /** Turns a canonical record (the schema's field names and spellings) into its event, or rejects it. */
    SourceRecordMapper canonicalMapper();
}
