package cn.henan.skillshub.ops;

import java.time.Instant;
import java.util.Map;

/**
 * A rejected record as the index holds it; {@code record} is the original with its personal fields masked.
 *
 * @param id            the reject's {@code ce_id}, the id to replay it by
 * @param replayEventId the {@code ce_id} of the event its replay published, once replayed
 */
record Rejection(String id, String sourceId, String sourceSystem, String position, String reason, String message,
                 Map<String, Object> record, Instant rejectedAt, Instant replayedAt, String replayedBy,
                 String replayEventId) {
}
