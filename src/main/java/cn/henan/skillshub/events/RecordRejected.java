package cn.henan.skillshub.events;

import java.time.Instant;
import java.util.Map;

/**
 * {@code skills.hub.record-rejected.v1}: a source record the hub could not turn into an event. The original
 * record travels with it, personal fields masked, so it can be fixed at the source and replayed.
 */
public record RecordRejected(
        String sourceId,
        String position,
        RejectReason reasonCode,
        String message,
        Map<String, Object> record,
        Instant rejectedAt) {
}
