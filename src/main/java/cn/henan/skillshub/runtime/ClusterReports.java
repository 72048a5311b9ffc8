package cn.henan.skillshub.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What this instance has read of the cluster's two compacted topics ({@link ClusterChannel} keeps it up to date):
 * each source's last status as its leader reported it, every command and its outcome, and which sources an applied
 * command has paused; and the cluster's members (every instance's heartbeat, key {@code instance:<id>}) and the
 * hand-backs under way (key {@code handback:<source>}) for {@link LeadershipBalance}. Memory only; no I/O.
 */
@Component
public class ClusterReports {

    /** The keys of an instance's heartbeat and of a hand-back on the status topic (a source id has neither prefix). */
    static final String MEMBER_KEY = "instance:";
    static final String HANDBACK_KEY = "handback:";

    private final Map<String, SourceStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, SourceCommand> commands = new ConcurrentHashMap<>();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final Map<String, Handback> handbacks = new ConcurrentHashMap<>();
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
        return stale(status.reportedAt());
    }

    private boolean stale(Instant reportedAt) {
        return reportedAt == null || reportedAt.plus(interval.multipliedBy(3)).isBefore(Instant.now());
    }

    /**
     * An instance of the cluster, standby or not, as its heartbeat on {@code skills.hub.source-status} last showed
     * it: when it started, when it reported, and the sources it can lead (those it runs under the cluster policy).
     */
    public record Member(String id, Instant startedAt, Instant reportedAt, List<String> sources) {
    }

    /**
     * A leader handing one of its sources to the instance the cluster prefers for it: from {@code at} to
     * {@code until} the other instances keep out of the way (their views of the source stopped) so that
     * {@code to} takes the lock.
     */
    public record Handback(String source, String from, String to, Instant at, Instant until) {

        boolean active() {
            return until != null && until.isAfter(Instant.now());
        }
    }

    /** The members whose heartbeat is not stale (the same three-interval rule as a source's report). */
    Collection<Member> liveMembers() {
        return members.values().stream().filter(m -> !stale(m.reportedAt())).toList();
    }

    /** The hand-backs under way now. */
    Collection<Handback> activeHandbacks() {
        return handbacks.values().stream().filter(Handback::active).toList();
    }

    /** Whether {@code instance} has reported, within three intervals, that it leads the source. */
    boolean reportedLeading(String sourceId, String instance, Instant since) {
        SourceStatus status = statuses.get(sourceId);
        return status != null && instance.equals(status.leader()) && !stale(status)
                && status.reportedAt().isAfter(since) && !"standby".equals(status.state());
    }

    void member(String id, Member member) {
        if (member == null) {
            members.remove(id);
        } else {
            members.put(id, member);
        }
    }

    void handback(String sourceId, Handback handback) {
        if (handback == null) {
            handbacks.remove(sourceId);
        } else {
            handbacks.put(sourceId, handback);
        }
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
