package cn.henan.skillshub.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * One source at a glance, as {@code GET /api/v1/sources} and the ops console show it.
 *
 * @param state               running, paused, failing (a poll failed after the last successful one: an exception,
 *                            a REST page not fetched after its retries, a poll refused by the open circuit breaker,
 *                            an SFTP server down or refusing the login), standby (in a cluster: another instance
 *                            leads it, this one takes over when that one goes), fenced (another instance owns it),
 *                            stopped, or Camel's transitional states (starting, suspending, …)
 * @param checkpoint          the committed position, e.g. {@code {updatedAt=…, id=…}} for a JDBC feed
 * @param lagSeconds          how far behind the source the hub is, by way of pulling:
 *                            <ul>
 *                              <li>{@code jdbc-keyset-poll}: the age ({@code updated_at}) of the oldest row after
 *                                  the checkpoint, 0 when none waits; read from the feed at most every
 *                                  {@code skillshub.ops.lag-cache}; null while the feed cannot be read;</li>
 *                              <li>{@code rest-page-poll}: the time since the source was last known caught up —
 *                                  the start of the last poll that fetched every page up to the last one — shown
 *                                  as 0 while that is within two poll intervals. It grows while polls fail or the
 *                                  circuit breaker is open, and drops back once a poll drains the API;</li>
 *                              <li>{@code sftp-file-drop}: the same, where a poll that published every complete
 *                                  file of the inbox (or found none) catches up; and at least the age (modification
 *                                  time) of the oldest file the current poll took or a failed poll left in the
 *                                  inbox. It grows while the server is down;</li>
 *                            </ul>
 *                            REST and SFTP lags come from what the route's polls report, with no call to the
 *                            source; before the first drained poll since start they count from the first poll,
 *                            and are null until then. While a REST or SFTP source is paused its lag grows: nothing
 *                            is learnt of the source meanwhile
 * @param checkpointAgeSeconds time since the last committed batch
 * @param circuitBreaker      CLOSED, OPEN, HALF_OPEN… of the route's Resilience4j breaker, or {@code n/a}
 * @param leader              the instance that leads the source ({@code skillshub.cluster.instance-id};
 *                            {@code standalone} without a cluster), as far as this instance knows
 * @param reportedAt          when the leader reported what this answer shows: now on the leader itself; on another
 *                            instance of a cluster, the time of the leader's last report on
 *                            {@code skills.hub.source-status} (every {@code skillshub.cluster.status-interval}). A
 *                            report older than three intervals shows the state {@code stale}: the leader has stopped
 *                            reporting (it died and nobody has taken over yet, or the broker does not answer)
 * @param stateHere           the source's state on the instance that answers: the same as {@code state} on the
 *                            leader, {@code standby} on the others
 */
public record SourceStatus(String id, String template, String state, Instant lastSuccessfulPoll,
                    Map<String, String> checkpoint, Instant checkpointCommittedAt, Double lagSeconds,
                    Double checkpointAgeSeconds, long recordsRead, long eventsPublished, long recordsRejected,
                    String circuitBreaker, Instant lastFailureAt, String lastFailure, String leader,
                    Instant reportedAt, String stateHere) {

    /** This status as another instance shows it: reported by the leader, seen from an instance in {@code here}. */
    SourceStatus seenFrom(String here, boolean stale) {
        return new SourceStatus(id, template, stale ? "stale" : state, lastSuccessfulPoll, checkpoint,
                checkpointCommittedAt, lagSeconds, checkpointAgeSeconds, recordsRead, eventsPublished,
                recordsRejected, circuitBreaker, lastFailureAt, lastFailure, leader, reportedAt, here);
    }
}
