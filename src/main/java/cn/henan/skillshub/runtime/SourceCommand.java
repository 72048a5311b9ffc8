package cn.henan.skillshub.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An operator's command on a source, as the compacted control topic {@code skills.hub.control} holds it (keyed by
 * its id): written by the instance that took the request, applied by the source's leader, which writes it again
 * with when, by which instance and how it was applied. Like Debezium's Kafka signal channel.
 *
 * @param action      pause, resume, backfill, replay or checkpoint (set or reset a paused source's checkpoint)
 * @param arguments   the action's own: {@code from} and {@code to} of a backfill, {@code rejectionId} of a replay,
 *                    {@code how} and its value of a checkpoint change
 * @param requestedOn the instance that took the request
 * @param appliedAt   null while the command waits for the leader
 * @param outcome     {@code applied} or {@code refused}; null while it waits
 * @param detail      why it was refused, or null
 * @param result      what applying it gave (a backfill's counts, a replay's event), or an empty map
 */
public record SourceCommand(String id, String source, String action, Map<String, String> arguments,
                            String requestedBy, Instant requestedAt, String requestedOn, Instant appliedAt,
                            String appliedBy, String outcome, String detail, Map<String, Object> result) {

    public static final String PAUSE = "pause";
    public static final String RESUME = "resume";
    public static final String BACKFILL = "backfill";
    public static final String REPLAY = "replay";
    public static final String CHECKPOINT = "checkpoint";

    public static SourceCommand request(String source, String action, Map<String, String> arguments, String by,
                                        String on) {
        return new SourceCommand(UUID.randomUUID().toString(), source, action, Map.copyOf(arguments), by,
                Instant.now(), on, null, null, null, null, Map.of());
    }

    public boolean pending() {
        return appliedAt == null;
    }

    SourceCommand applied(String by, Map<String, Object> what) {
        return new SourceCommand(id, source, action, arguments, requestedBy, requestedAt, requestedOn, Instant.now(),
                by, "applied", null, what == null ? Map.of() : what);
    }

    SourceCommand refused(String by, String why) {
        return new SourceCommand(id, source, action, arguments, requestedBy, requestedAt, requestedOn, Instant.now(),
                by, "refused", why, Map.of());
    }
}
