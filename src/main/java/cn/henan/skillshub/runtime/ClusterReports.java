package cn.henan.skillshub.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What this instance has read of the cluster's two compacted topics ({@link ClusterChannel} keeps it up to date):
 * each source's last status as its leader reported it, every command and its outcome, and which sources an applied
 * command has paused. Memory only; no I/O.
 */
@Component
public class ClusterReports {

    private final Map<String, SourceStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, SourceCommand> commands = new ConcurrentHashMap<>();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Duration interval;

    ClusterReports(@Value("${skillshub.cluster.status-interval:2s}") Duration interval) {
        this.interval = interval;
    }

    /** How often a leader reports the status of each source it leads. */
    public Duration interval() {
        return interval;
    }

    /** A report older than three intervals: its leader has stopped reporting. */
    boolean stale(SourceStatus status) {
        return status.reportedAt() == null || status.reportedAt().plus(interval.multipliedBy(3)).isBefore(Instant.now());
    }

    /** The source's last status, as its leader put it on {@code skills.hub.source-status}. */
    public Optional<SourceStatus> reported(String sourceId) {
        return Optional.ofNullable(statuses.get(sourceId));
    }

    public Optional<SourceCommand> command(String id) {
        return Optional.ofNullable(commands.get(id));
    }

    /** Whether the last pause or resume applied to the source was a pause: the source publishes nothing. */
    public boolean paused(String sourceId) {
        return paused.contains(sourceId);
    }

    void status(String sourceId, SourceStatus status) {
        if (status == null) {
            statuses.remove(sourceId);
        } else {
            statuses.put(sourceId, status);
        }
    }

    /** A command as read from the control topic, in the topic's order. */
    void command(SourceCommand command) {
        commands.put(command.id(), command);
        if (!command.pending() && "applied".equals(command.outcome())) {
            if (SourceCommand.PAUSE.equals(command.action())) {
                paused.add(command.source());
            } else if (SourceCommand.RESUME.equals(command.action())) {
                paused.remove(command.source());
            }
        }
    }

    Iterable<SourceCommand> pending() {
        return commands.values().stream().filter(SourceCommand::pending).toList();
    }
}
