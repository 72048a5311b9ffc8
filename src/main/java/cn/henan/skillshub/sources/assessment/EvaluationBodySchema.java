package cn.henan.skillshub.sources.assessment;

import static cn.henan.skillshub.sources.mapping.FieldKind.BOOLEAN;
import static cn.henan.skillshub.sources.mapping.FieldKind.DATE;
import static cn.henan.skillshub.sources.mapping.FieldKind.DECIMAL;
import static cn.henan.skillshub.sources.mapping.FieldKind.ID_NUMBER;
import static cn.henan.skillshub.sources.mapping.FieldKind.LEVEL;
import static cn.henan.skillshub.sources.mapping.FieldKind.OCCUPATION;
import static cn.henan.skillshub.sources.mapping.FieldKind.PERSON_NAME;
import static cn.henan.skillshub.sources.mapping.FieldKind.RECORD_TYPE;
import static cn.henan.skillshub.sources.mapping.FieldKind.TEXT;
import static cn.henan.skillshub.sources.mapping.FieldKind.TIMESTAMP;

import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.sources.mapping.FieldKind;
import cn.henan.skillshub.sources.mapping.RecordSchema;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Schema {@code evaluation-body}: the canonical record of an evaluation body (评价机构), whatever the body calls its
 * fields — the fields {@link EvaluationBodyRecordMapper} reads, and which of them each record type needs. A body's
 * YAML maps its own fields onto these; the mapper then applies the plan's rules (both parts passed, plausible dates,
 * scores 0..100) as for every body.
 */
@Component
class EvaluationBodySchema implements RecordSchema {

    static final String NAME = "evaluation-body";
    private static final Map<String, FieldKind> FIELDS = new LinkedHashMap<>();
    private static final Set<String> EVERY_RECORD = Set.of("record_type", "id_number", "occupation_code", "level",
            "evaluation_body", "updated_at");

    static {
        FIELDS.put("record_type", RECORD_TYPE);
        FIELDS.put("record_id", TEXT);
        FIELDS.put("id_number", ID_NUMBER);
        FIELDS.put("full_name", PERSON_NAME);
        FIELDS.put("occupation_code", OCCUPATION);
        FIELDS.put("level", LEVEL);
        FIELDS.put("evaluation_body", TEXT);
        FIELDS.put("assessed_on", DATE);
        FIELDS.put("theory_score", DECIMAL);
        FIELDS.put("theory_passed", BOOLEAN);
        FIELDS.put("ability_score", DECIMAL);
        FIELDS.put("ability_passed", BOOLEAN);
        FIELDS.put("certificate_no", TEXT);
        FIELDS.put("issued_on", DATE);
        FIELDS.put("revoked_on", DATE);
        FIELDS.put("reason", TEXT);
        FIELDS.put("updated_at", TIMESTAMP);
    }

    private final EvaluationBodyRecordMapper mapper;

    EvaluationBodySchema(EvaluationBodyRecordMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, FieldKind> fields() {
        return FIELDS;
    }

    @Override
    public String typeField() {
        return "record_type";
    }

    @Override
    public Set<String> recordTypes() {
        return Set.of("RESULT", "CERTIFICATE", "REVOCATION");
    }

    @Override
    public Set<String> requiredFor(String recordType) {
        Set<String> required = new LinkedHashSet<>(EVERY_RECORD);
        switch (recordType) {
            case "RESULT" -> required.addAll(Set.of("record_id", "assessed_on", "theory_score", "theory_passed",
                    "ability_score", "ability_passed"));
            case "CERTIFICATE" -> required.addAll(Set.of("certificate_no", "issued_on"));
            case "REVOCATION" -> required.addAll(Set.of("certificate_no", "revoked_on"));
            default -> throw new IllegalArgumentException("no record type " + recordType);
        }
        return required;
    }

    @Override
    public SourceRecordMapper canonicalMapper() {
        return mapper;
    }
}
