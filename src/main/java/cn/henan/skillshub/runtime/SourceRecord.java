package cn.henan.skillshub.runtime;

import java.util.Map;

/**
 * One record as a source system gave it.
 *
 * @param sourceId     the configured source (one YAML templated route), e.g. {@code realname-training.enrolments}
 * @param sourceSystem the system it comes from, the {@code ce_source} of its events, e.g. {@code /sources/realname-training}
 * @param position     where in the source it stands, readable by an operator, e.g. {@code 2025-06-01T08:00:00Z#1234}
 */
public record SourceRecord(String sourceId, String sourceSystem, String position, Map<String, Object> rawFields) {

    public FieldReader fields() {
        return new FieldReader(rawFields);
    }
}
