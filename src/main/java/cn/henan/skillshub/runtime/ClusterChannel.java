package cn.henan.skillshub.runtime;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.kafka.KafkaConnection;
import cn.henan.skillshub.kafka.TopicLog;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The cluster's one view and its commands, through Kafka only — no instance calls another. One thread per instance:
 * <ul>
 *   <li>follows {@code skills.hub.source-status} (compacted, keyed by source id) into {@link ClusterReports}, and
 *       for each source this instance leads puts its status there every {@code skillshub.cluster.status-interval}
 *       and after each command, so {@code GET /api/v1/sources} on any instance shows every source's leader, state,
 *       lag and checkpoint;</li>
 *   <li>follows {@code skills.hub.control} (compacted, keyed by command id): a command any instance wrote
 *       ({@link #submit}) is applied by the source's leader, which writes it back with when, by whom and how — like
 *       Debezium's Kafka signal channel. A command waiting when its leader dies is applied by the next one;</li>
 *   <li>holds a source that an applied pause left paused paused on its leader, including a leader that has just
 *       taken it over: the pause outlives a failover (and {@link SourceTransactions} commits nothing of a paused
 *       source meanwhile).</li>
 * </ul>
 * Only in a cluster (a cluster service configured): a single instance applies commands at once.
 */
@Component
public class ClusterChannel implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterChannel.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConnection kafka;
    private final ClusterReports reports;
    private final Sources sources;
    private final Backfills backfills;
    private final SourceTransactions transactions;
    private final SourceLeadership leadership;
    private final LeadershipBalance balance;
    private final QuietFailures failures = new QuietFailures(log);
    private final Map<String, Function<SourceCommand, Map<String, Object>>> handlers = new ConcurrentHashMap<>();
    /** Commands being applied on a thread of their own (a backfill, a replay). */
    private final Set<String> applying = ConcurrentHashMap.newKeySet();
    private ExecutorService longCommands;
    private KafkaProducer<String, byte[]> producer;
    private TopicLog statusLog;
    private TopicLog controlLog;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean reportSoon;

    ClusterChannel(KafkaConnection kafka, ClusterReports reports, Sources sources, Backfills backfills,
                   SourceTransactions transactions, SourceLeadership leadership, LeadershipBalance balance) {
        this.kafka = kafka;
        this.reports = reports;
        this.sources = sources;
        this.backfills = backfills;
        this.transactions = transactions;
        this.leadership = leadership;
        this.balance = balance;
        handlers.put(SourceCommand.BACKFILL, this::backfill);
    }

    /** True in a cluster: commands go through the control topic and are answered 202. */
    public boolean clustered() {
        return leadership.clustered();
    }

    /** How another package's command is applied on the leader (the replay of a rejection, in {@code ops}). */
    public void handle(String action, Function<SourceCommand, Map<String, Object>> handler) {
        handlers.put(action, handler);
    }

    /**
     * Puts an operator's command on the control topic for the source's leader and returns it, not yet applied;
     * {@link #command} shows it applied once the leader has.
     */
    public SourceCommand submit(String routeId, String action, Map<String, String> arguments, String by) {
        SourceRoute source = sources.source(routeId);
        SourceCommand command = SourceCommand.request(source.sourceId(), action, arguments, by,
                leadership.instanceId());
        write(command);
        reports.command(command);
        log.info("source {}: {} ordered by {} (command {})", routeId, action, by, command.id());
        return command;
    }

    /** A command of the source, as the control topic last showed it. */
    public SourceCommand command(String routeId, String commandId) {
        SourceRoute source = sources.source(routeId);
        return reports.command(commandId).filter(c -> c.source().equals(source.sourceId()))
                .orElseThrow(() -> ApiProblem.notFound("no command '" + commandId + "' of source " + routeId));
    }

    @Override
    public void start() {
        running = true;
        if (!leadership.clustered()) {
            return;
        }
        producer = new KafkaProducer<>(kafka.plainProducerConfig("skills-hub-cluster-channel"),
                new StringSerializer(), new ByteArraySerializer());
        statusLog = new TopicLog(kafka, Topics.SOURCE_STATUS, "skills-hub-source-status");
        controlLog = new TopicLog(kafka, Topics.CONTROL, "skills-hub-control");
        longCommands = Executors.newSingleThreadExecutor(r -> new Thread(r, "skills-hub-control-command"));
        try {
            // Before Camel starts the routes: a source left paused is known to be paused before it could poll.
            statusLog.readToEnd(this::status, READ_LIMIT);
            controlLog.readToEnd(this::control, READ_LIMIT);
        } catch (RuntimeException e) {
            log.warn("the cluster's status and control topics are not read yet ({}); read on in the background",
                    e.toString());
        }
        thread = new Thread(this::follow, "skills-hub-cluster-channel");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        long nextReport = 0;
        while (running) {
            try {
                statusLog.poll(POLL, this::status);
                controlLog.poll(POLL, this::control);
                applyPending();
                holdPaused();
                balance.step(this::put, this::busy);
                if (reportSoon || System.nanoTime() >= nextReport) {
                    reportSoon = false;
                    report();
                    nextReport = System.nanoTime() + reports.interval().toNanos();
                }
                failures.cleared("channel");
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                failures.warn("channel", e.getClass().getSimpleName(), "the cluster's status and control topics:"
                        + " " + SourceTracker.safe(String.valueOf(e.getMessage())) + "; trying again");
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void status(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        if (key.startsWith(ClusterReports.MEMBER_KEY)) {
            reports.member(key.substring(ClusterReports.MEMBER_KEY.length()),
                    record.value() == null ? null : read(record.value(), ClusterReports.Member.class));
        } else if (key.startsWith(ClusterReports.HANDBACK_KEY)) {
            reports.handback(key.substring(ClusterReports.HANDBACK_KEY.length()),
                    record.value() == null ? null : read(record.value(), ClusterReports.Handback.class));
        } else {
            reports.status(key, record.value() == null ? null : read(record.value(), SourceStatus.class));
        }
    }

    /** Whether a command of the source (a backfill, a replay) is being applied on this instance. */
    private boolean busy(String sourceId) {
        return applying.stream().anyMatch(id -> reports.command(id).map(SourceCommand::source)
                .filter(sourceId::equals).isPresent());
    }

    /** A record on the status topic, written before this returns (a hand-back's, this instance's heartbeat). */
    private void put(String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SOURCE_STATUS, key, value == null ? null : json(value)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + Topics.SOURCE_STATUS, e);
        } catch (Exception e) {
            throw new IllegalStateException("not written to " + Topics.SOURCE_STATUS + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private void control(ConsumerRecord<String, byte[]> record) {
        if (record.value() != null) {
            SourceCommand command = read(record.value(), SourceCommand.class);
            if (command != null) {
                reports.command(command);
            }
        }
    }

    /** Applies the commands waiting for a leader that this instance is. */
    private void applyPending() {
        for (SourceCommand command : reports.pending()) {
            if (applying.contains(command.id()) || !leadership.leads(command.source())) {
                continue;
            }
            if (SourceCommand.PAUSE.equals(command.action()) || SourceCommand.RESUME.equals(command.action())) {
                done(command, () -> {
                    SourceRoute source = route(command.source());
                    SourceStatus status = SourceCommand.PAUSE.equals(command.action())
                            ? sources.pause(source.routeId(), command.requestedBy())
                            : sources.resume(source.routeId(), command.requestedBy());
                    return Map.of("state", status.state());
                });
            } else if (handlers.containsKey(command.action())) {
                applying.add(command.id());
                longCommands.execute(() -> {
                    try {
                        done(command, () -> handlers.get(command.action()).apply(command));
                    } finally {
                        applying.remove(command.id());
                    }
                });
            } else {
                write(command.refused(leadership.instanceId(), "no such action '" + command.action() + "'"));
            }
        }
    }

    private void done(SourceCommand command, Supplier<Map<String, Object>> apply) {
        SourceCommand outcome;
        try {
            outcome = command.applied(leadership.instanceId(), apply.get());
        } catch (ApiProblem refused) {
            outcome = command.refused(leadership.instanceId(), refused.getMessage());
        } catch (RuntimeException e) {
            outcome = command.refused(leadership.instanceId(), e.getClass().getSimpleName() + ": "
                    + SourceTracker.safe(String.valueOf(e.getMessage())));
        }
        write(outcome);
        reports.command(outcome);
        reportSoon = true;
        log.info("source {}: {} (command {}) {} by {}{}", command.source(), command.action(), command.id(),
                outcome.outcome(), outcome.appliedBy(), outcome.detail() == null ? "" : ": " + outcome.detail());
    }

    /** A source an applied pause left paused stays suspended on its leader, whichever instance that is now. */
    private void holdPaused() {
        for (SourceRoute source : sources.routes()) {
            if (reports.paused(source.sourceId()) && leadership.leads(source.sourceId())
                    && sources.routeStatus(source) == ServiceStatus.Started) {
                sources.pause(source.routeId(), "the control topic");
                // Fences the producer of the instance it took the source from, and reads where it stands.
                transactions.resumePoint(source.sourceId());
                log.info("source {}: kept paused (paused by an operator before this instance took it over)",
                        source.routeId());
                reportSoon = true;
            }
        }
    }

    /**
     * This instance's heartbeat (standby or not: the cluster's members, for {@link LeadershipBalance}) and the
     * status of every source it leads, for every other instance to show.
     */
    private void report() {
        producer.send(new ProducerRecord<>(Topics.SOURCE_STATUS, ClusterReports.MEMBER_KEY + leadership.instanceId(),
                json(balance.heartbeat())), (metadata, e) -> {
                    if (e != null) {
                        failures.warn("heartbeat", e.getClass().getSimpleName(), "heartbeat not reported ("
                                + e.getClass().getSimpleName() + "); reported again at the next interval");
                    }
                });
        for (SourceRoute source : sources.routes()) {
            if (leadership.leads(source.sourceId())
                    && sources.routeStatus(source) != ServiceStatus.Stopped) {
                producer.send(new ProducerRecord<>(Topics.SOURCE_STATUS, source.sourceId(),
                        json(sources.status(source))), (metadata, e) -> {
                            if (e != null) {
                                failures.warn("report", e.getClass().getSimpleName(), "source status not reported ("
                                        + e.getClass().getSimpleName() + "); reported again at the next interval");
                            }
                        });
            }
        }
    }

    private Map<String, Object> backfill(SourceCommand command) {
        Backfills.Result result = backfills.backfill(route(command.source()).routeId(),
                Instant.parse(command.arguments().get("from")), Instant.parse(command.arguments().get("to")),
                command.requestedBy());
        return EventJson.mapper().convertValue(result, new TypeReference<Map<String, Object>>() { });
    }

    private SourceRoute route(String sourceId) {
        return sources.routes().stream().filter(r -> r.sourceId().equals(sourceId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("no source '" + sourceId + "' on this instance"));
    }

    private void write(SourceCommand command) {
        try {
            producer.send(new ProducerRecord<>(Topics.CONTROL, command.id(), json(command))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + Topics.CONTROL, e);
        } catch (Exception e) {
            throw new IllegalStateException("the command could not be written to " + Topics.CONTROL + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static byte[] json(Object value) {
        try {
            return EventJson.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(value.getClass().getSimpleName() + " cannot be serialised", e);
        }
    }

    private static <T> T read(byte[] value, Class<T> type) {
        try {
            return EventJson.mapper().readValue(value, type);
        } catch (IOException e) {
            log.warn("a record that is no {} on the cluster's topics; ignored", type.getSimpleName());
            return null;
        }
    }

    private static void sleep(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After the fingerprint check, before the routes start. Nothing this bean depends on directly may be a
     * lifecycle bean (the CamelContext is one): Spring would start it first, before its routes are loaded.
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            statusLog.wakeup();
            controlLog.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            longCommands.shutdownNow();
            balance.stop();
            try {
                // A clean stop leaves the cluster at once; compaction removes the heartbeat.
                put(ClusterReports.MEMBER_KEY + leadership.instanceId(), null);
            } catch (RuntimeException e) {
                log.info("the heartbeat's tombstone was not written ({}); the heartbeat goes stale instead",
                        e.getMessage());
            }
            statusLog.close();
            controlLog.close();
            producer.close(Duration.ofSeconds(5));
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
