package cn.henan.skillshub.runtime;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.events.EventJson;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A paused source's checkpoint read, set or reset by an operator — what Kafka Connect added in KIP-875. The new
 * position comes from the source's way of pulling (a position it reads, the position of a time, or just past one
 * record), so one that does not parse is a 400 naming the field. It is committed on {@code skills.hub.checkpoints}
 * by {@link SourceTransactions#overwrite} in a transaction of the source's own transactional id, which fences any
 * producer of the source still about; only while the source is paused (409 otherwise), on its leader. Each change
 * is announced as a {@link CheckpointChanged} event, which the audit trail records with who, when, from and to.
 */
@Component
public class SourceCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(SourceCheckpoints.class);
    public static final String HOW = "how";
    public static final String POSITION = "position";
    public static final String REWIND_TO = "rewindTo";
    public static final String SKIP_PAST = "skipPast";
    public static final String RESET = "reset";
    private static final String POSITION_PREFIX = POSITION + ".";

    /** A source's checkpoint as {@code GET /api/v1/sources/{id}/checkpoint} shows it. */
    public record View(String source, String state, String leader, Map<String, String> position,
                       Instant committedAt, long recordsRead, long eventsPublished, long recordsRejected) {
    }

    private final Sources sources;
    private final SourceRegistry registry;
    private final SourceTransactions transactions;
    private final SourceLeadership leadership;
    private final ApplicationEventPublisher events;

    SourceCheckpoints(Sources sources, SourceRegistry registry, SourceTransactions transactions,
                      SourceLeadership leadership, ClusterChannel channel, ApplicationEventPublisher events) {
        this.sources = sources;
        this.registry = registry;
        this.transactions = transactions;
        this.leadership = leadership;
        this.events = events;
        // In a cluster the source's leader applies a change the control topic brings it.
        channel.handle(SourceCommand.CHECKPOINT, command -> EventJson.mapper().convertValue(
                apply(routeOf(command.source()), command.arguments(), command.requestedBy()),
                new TypeReference<Map<String, Object>>() { }));
    }

    public View read(String routeId) {
        SourceStatus status = sources.status(routeId);
        return new View(status.id(), status.state(), status.leader(), status.checkpoint(),
                status.checkpointCommittedAt(), status.recordsRead(), status.eventsPublished(),
                status.recordsRejected());
    }

    /**
     * The arguments of a change ({@code how} and its value), as a command carries them; checked against the
     * source's way of pulling: 400 naming the field.
     */
    public Map<String, String> arguments(String routeId, Map<String, String> position, Instant rewindTo,
                                         String skipPast) {
        int given = (position == null ? 0 : 1) + (rewindTo == null ? 0 : 1) + (skipPast == null ? 0 : 1);
        if (given != 1) {
            throw ApiProblem.badRequest("position, rewindTo, skipPast: give exactly one (a checkpoint position, a"
                    + " time to read again from, or the position of the one record to skip)");
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        if (position != null) {
            arguments.put(HOW, POSITION);
            position.forEach((key, value) -> arguments.put(POSITION_PREFIX + key, value));
        } else if (rewindTo != null) {
            arguments.put(HOW, REWIND_TO);
            arguments.put(REWIND_TO, rewindTo.toString());
        } else {
            arguments.put(HOW, SKIP_PAST);
            arguments.put(SKIP_PAST, skipPast);
        }
        target(sources.source(routeId), arguments);
        return Map.copyOf(arguments);
    }

    public static Map<String, String> reset() {
        return Map.of(HOW, RESET);
    }

    /** 409 unless the source is paused (in a cluster: as its leader reports it). */
    public void requirePaused(String routeId) {
        SourceStatus status = sources.status(routeId);
        if (!"paused".equals(status.state())) {
            throw ApiProblem.conflict("source " + routeId + " is " + status.state() + ": its checkpoint is set only"
                    + " while it is paused; pause it first (POST /api/v1/sources/" + routeId + "/pause)");
        }
    }

    /** Sets the checkpoint on this instance, which must lead the source and hold it paused. */
    public CheckpointChanged apply(String routeId, Map<String, String> arguments, String by) {
        SourceRoute source = sources.led(routeId);
        Map<String, String> to = target(source, arguments);
        if (sources.routeStatus(source) != ServiceStatus.Suspended) {
            requirePaused(routeId);
            throw ApiProblem.conflict("source " + routeId + " is not paused: its checkpoint is set only while it is");
        }
        Checkpoint[] change = transactions.overwrite(source.sourceId(), to);
        CheckpointChanged changed = new CheckpointChanged(source.routeId(), arguments.get(HOW), change[0].position(),
                change[1].position(), by, change[1].committedAt(), leadership.instanceId());
        events.publishEvent(changed);
        log.info("source {}: checkpoint set by {} ({}) from {} to {}", routeId, by, changed.how(), changed.from(),
                changed.to());
        return changed;
    }

    private Map<String, String> target(SourceRoute source, Map<String, String> arguments) {
        WayOfPulling way = registry.way(source);
        String how = String.valueOf(arguments.get(HOW));
        return switch (how) {
            case POSITION -> {
                Map<String, String> position = new LinkedHashMap<>();
                arguments.forEach((key, value) -> {
                    if (key.startsWith(POSITION_PREFIX)) {
                        position.put(key.substring(POSITION_PREFIX.length()), value);
                    }
                });
                yield way.checkedPosition(source, position);
            }
            case REWIND_TO -> way.positionAt(source, Instant.parse(arguments.get(REWIND_TO)));
            case SKIP_PAST -> way.positionPast(source, arguments.get(SKIP_PAST));
            case RESET -> Map.of();
            default -> throw ApiProblem.badRequest("how: no such change of a checkpoint");
        };
    }

    private String routeOf(String sourceId) {
        return sources.routes().stream().filter(r -> r.sourceId().equals(sourceId)).findFirst()
                .map(SourceRoute::routeId)
                .orElseThrow(() -> ApiProblem.notFound("no source '" + sourceId + "' on this instance"));
    }
}
