package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The latest version of one source record, as the hub published it: its envelope's source, subject, id and type,
 * and its data. {@link #data(Class)} reads it as the event's record.
 */
record Fact(String source, String subject, String ceId, EventType type, String personKey, JsonNode data) {

    /** The stable key of the record, the same in every version: source and subject. */
    String stableKey() {
        return source + " " + subject;
    }

    <T> T data(Class<T> dataClass) {
        try {
            return EventJson.mapper().treeToValue(data, dataClass);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fact " + ceId + " does not read as " + dataClass.getSimpleName(), e);
        }
    }
}
