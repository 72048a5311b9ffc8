package cn.henan.skillshub.ops;

import java.time.Instant;
import java.util.Map;

/**
 * One source at a glance, as {@code GET /api/v1/sources} and the ops console show it.
 *
 * @param state               running, paused, failing (its last poll failed), fenced (another instance owns it),
 *                            stopped, or Camel's transitional states (starting, suspending, …)
 * @param checkpoint          the committed position, e.g. {@code {updatedAt=…, id=…}} for a JDBC feed
 * @param lagSeconds          how far behind the source the hub is: the age of the oldest record not yet published,
 *                            0 when none waits; null where the way of pulling cannot tell
 * @param checkpointAgeSeconds time since the last committed batch
 * @param circuitBreaker      CLOSED, OPEN, HALF_OPEN… of the route's Resilience4j breaker, or {@code n/a}
 */
record SourceStatus(String id, String template, String state, Instant lastSuccessfulPoll,
                    Map<String, String> checkpoint, Instant checkpointCommittedAt, Double lagSeconds,
                    Double checkpointAgeSeconds, long recordsRead, long eventsPublished, long recordsRejected,
                    String circuitBreaker, Instant lastFailureAt, String lastFailure) {
}
