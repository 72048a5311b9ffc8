package cn.henan.skillshub.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import cn.henan.skillshub.benchmark.FileDrop;
import cn.henan.skillshub.reference.ReferenceData;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * A cluster run: hub instances as child processes sharing a cluster directory, rows written into the exchange
 * schema at a steady rate while the leader of the source is killed with {@code kill -9} — and, if asked, the broker
 * too — then a {@code read_committed} tally of every row. Each failover is timed from the kill to the moment the
 * first commit made after it became visible to a subscriber. Waits are on conditions, with generous limits.
 */
final class ClusterRun {

    static final String SOURCE = "cluster.enrolments";

    /** What a run does. {@code broker}: how to kill and restart the broker, or null to leave it alone. */
    record Settings(Path workDir, String bootstrapServers, String jdbcUrl, String jdbcUser, String jdbcPassword,
                    String schema, int instances, int rows, int badEvery, int ratePerSecond, int kills,
                    boolean restartKilled, String heap, BrokerControl broker, int brokerKillAfter, long seed,
                    boolean intruder, String routes, int fileLines, boolean pauseAcrossFailover) {
    }

    /** The broker's {@code kill -9} and restart (the standalone broker of kafka/chaos.sh). */
    interface BrokerControl {
        void kill() throws Exception;

        void restart() throws Exception;
    }

    /** One failover: the leader killed, the instance that took over, and the time to its first commit. */
    record Failover(String killed, String tookOver, Duration killToNextCommit) {
    }

    /**
     * {@code intruderRefusal}: with {@code intruder}, the line an instance started with another person-key secret
     * logged when it was refused, or null if it was not.
     */
    record Result(DeliveryCount.Tally tally, List<Failover> failovers, Duration brokerOutage, Duration total,
                  String intruderRefusal, FileTally files, String stateDuringBrokerOutage,
                  Map<String, String> leadersSeenByFollower, PauseAcrossFailover pause) {
    }

    /**
     * With {@code pauseAcrossFailover}, at the first kill: a pause sent to a follower ({@code accepted}: its HTTP
     * status), applied by the leader ({@code appliedBy}); the leader killed while the source is paused; the
     * instance that took over ({@code heldBy}) kept it paused, as another follower saw ({@code stateSeen},
     * {@code leaderSeen}); a resume sent to a follower, applied by the new leader ({@code resumedBy}); and the first
     * checkpoint committed after the pause was applied ({@code firstCommitAfterPause}), which must come after the
     * resume ({@code resumedAt}).
     */
    record PauseAcrossFailover(int accepted, String requestedOn, String appliedBy, String leader, String heldBy,
                               String stateSeen, String leaderSeen, String resumedBy, Instant resumedAt,
                               Instant firstCommitAfterPause) {
    }

    /** The CSV files' lines: written, seen as events (each id once), and seen twice. */
    record FileTally(long lines, long seen, long duplicated) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final List<HubInstance> instances = new CopyOnWriteArrayList<>();
    private final Map<String, String> fileDropProperties = new LinkedHashMap<>();
    private volatile String stateDuringBrokerOutage;
    private volatile PauseAcrossFailover pause;
    private int started;

    ClusterRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    Result run() throws Exception {
        long t0 = System.nanoTime();
        Path clusterDir = settings.workDir().resolve("cluster-locks");
        deleteTree(clusterDir);
        Files.createDirectories(clusterDir);
        List<Failover> failovers = new ArrayList<>();
        Duration brokerOutage = null;
        try (ExchangeRows rows = new ExchangeRows(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(),
                settings.schema(), settings.seed());
             FileDrop files = settings.fileLines() > 0 ? new FileDrop(settings.workDir(), new ReferenceData(),
                     settings.seed()) : null) {
            if (files != null) {
                fileDropProperties.putAll(files.hubProperties());
            }
            for (int i = 0; i < settings.instances(); i++) {
                startInstance(clusterDir);
            }
            HubInstance first = awaitLeader(null, Duration.ofMinutes(4));
            out.printf("%d hub instances up; %s leads %s (%.1f s)%n", instances.size(), first.name(), SOURCE,
                    (System.nanoTime() - t0) / 1e9);
            Map<String, String> leadersSeen = leadersSeenByAFollower(first);
            out.printf("  a follower's GET /api/v1/sources: %s%n", leadersSeen);
            // An instance with another person-key secret, started while the cluster runs: it must be refused.
            HubInstance intruder = settings.intruder() ? HubInstance.start("hub-intruder", settings.workDir(),
                    settings.heap(), properties(clusterDir, Map.of("skillshub.person.key-secret",
                            "another-secret-than-the-cluster's")), settings.bootstrapServers()) : null;
            try (DeliveryCount count = new DeliveryCount(settings.bootstrapServers())) {
                if (files != null) {
                    List<String> names = files.writeFiles("chaos", settings.fileLines(),
                            Math.max(1, settings.fileLines() / 5));
                    files.markDone(names);
                    out.printf("%d CSV files of %,d lines in all dropped into the SFTP inbox%n", names.size(),
                            settings.fileLines());
                }
                Writer writer = new Writer(rows);
                Thread writing = new Thread(writer, "cluster-run-writer");
                writing.setDaemon(true);
                writing.start();
                for (int k = 1; k <= settings.kills(); k++) {
                    long due = threshold(k);
                    await(Duration.ofMinutes(5)).until(() -> writer.written() >= due || writer.failed() != null);
                    writer.check();
                    if (settings.broker() != null && settings.brokerKillAfter() == k - 1) {
                        brokerOutage = killBroker(count);
                    }
                    // At the kill the writer may go on to the next cap: the instance taking over has rows to commit.
                    long nextCap = cap(k + 1);
                    Runnable moreRows = () -> writer.allow(nextCap);
                    failovers.add(k == 1 && settings.pauseAcrossFailover() ? killPausedLeader(count, moreRows)
                            : killLeader(count, clusterDir, moreRows));
                }
                writer.allow(settings.rows());
                writing.join(Duration.ofMinutes(10).toMillis());
                writer.check();
                long total = rows.good() + rows.bad();
                out.printf("all %,d rows written (%,d good, %,d bad); waiting for the last of them%n", total,
                        rows.good(), rows.bad());
                await(Duration.ofMinutes(3)).until(() -> count.rowsSeen() >= total);
                // The source's last checkpoint counts every row it committed, duplicates included: once it has
                // reached the rows written, nothing more is on its way.
                await(Duration.ofMinutes(1)).until(() -> count.recordsCommitted(SOURCE) >= total);
                DeliveryCount.Tally tally = count.tally(rows.good(), rows.bad());
                String refusal = null;
                if (intruder != null) {
                    Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> !intruder.alive());
                    refusal = intruder.logLine("refusing to start").orElse(null);
                    out.println("the instance with another person-key secret: " + refusal);
                }
                FileTally fileTally = null;
                if (files != null) {
                    await(Duration.ofMinutes(3)).until(() -> count.distinctAssessments() >= settings.fileLines());
                    fileTally = new FileTally(settings.fileLines(), count.distinctAssessments(),
                            count.duplicatedAssessments());
                }
                return new Result(tally, failovers, brokerOutage, Duration.ofNanos(System.nanoTime() - t0), refusal,
                        fileTally, stateDuringBrokerOutage, leadersSeen, pause);
            }
        } finally {
            for (HubInstance instance : instances) {
                instance.close();
            }
        }
    }

    private void startInstance(Path clusterDir) throws IOException {
        String name = "hub-" + (char) ('a' + started++);
        instances.add(HubInstance.start(name, settings.workDir(), settings.heap(), properties(clusterDir, Map.of()),
                settings.bootstrapServers()));
    }

    private Map<String, String> properties(Path clusterDir, Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("skillshub.cluster.directory", clusterDir.toString());
        if (settings.routes() != null) {
            props.put("camel.main.routes-include-pattern", settings.routes());
        }
        props.putAll(fileDropProperties);
        props.put("skillshub.sources.realname.jdbc.url", settings.jdbcUrl());
        props.put("skillshub.sources.realname.jdbc.username", settings.jdbcUser());
        props.put("skillshub.sources.realname.jdbc.password", settings.jdbcPassword());
        props.put("skillshub.sources.realname.schema", settings.schema());
        props.put("skillshub.cluster-run.schema", settings.schema());
        props.put("spring.datasource.url", settings.jdbcUrl());
        props.put("spring.datasource.username", settings.jdbcUser());
        props.put("spring.datasource.password", settings.jdbcPassword());
        props.putAll(overrides);
        return props;
    }

    /** The instance whose source is running, other than {@code not}; the others must be on standby. */
    private HubInstance awaitLeader(HubInstance not, Duration limit) {
        AtomicReference<HubInstance> leader = new AtomicReference<>();
        await(limit).until(() -> {
            for (HubInstance instance : instances) {
                if (instance != not && instance.alive()
                        && instance.state(SOURCE).filter("running"::equals).isPresent()) {
                    leader.set(instance);
                    return true;
                }
            }
            return false;
        });
        return leader.get();
    }

    private Failover killLeader(DeliveryCount count, Path clusterDir, Runnable killed) throws Exception {
        HubInstance leader = awaitLeader(null, Duration.ofMinutes(2));
        // A follower must be up to take over: the instances started (or restarted) are on standby.
        await(Duration.ofMinutes(4)).until(() -> instances.stream().anyMatch(i -> i != leader && i.alive()
                && i.state(SOURCE).filter("standby"::equals).isPresent()));
        Instant killedAt = Instant.now();
        leader.kill();
        instances.remove(leader);
        killed.run();
        out.printf("kill -9 of %s, the leader of %s, at %s%n", leader.name(), SOURCE, killedAt);
        DeliveryCount.Commit next = await(Duration.ofMinutes(2)).until(
                () -> count.firstCommitAfter(SOURCE, killedAt), Optional::isPresent).orElseThrow();
        Duration failover = Duration.between(killedAt, next.seenAt());
        HubInstance successor = awaitLeader(leader, Duration.ofMinutes(1));
        out.printf("  %s took over; kill to next commit %.1f s%n", successor.name(), failover.toMillis() / 1000.0);
        if (settings.restartKilled()) {
            startInstance(clusterDir);
        }
        return new Failover(leader.name(), successor.name(), failover);
    }

    /**
     * Every source and its leader as a follower's {@code GET /api/v1/sources} shows them, once the follower shows
     * the leader's report of the source running.
     */
    private Map<String, String> leadersSeenByAFollower(HubInstance leader) {
        HubInstance follower = instances.stream().filter(i -> i != leader).findFirst().orElseThrow();
        Map<String, String> seen = new LinkedHashMap<>();
        await(Duration.ofMinutes(1)).until(() -> {
            seen.clear();
            follower.sources().ifPresent(all -> all.forEach(source -> seen.put(source.path("id").asText(),
                    source.path("leader").asText() + " (" + source.path("state").asText() + ", here "
                            + source.path("stateHere").asText() + ")")));
            return seen.containsKey(SOURCE) && seen.get(SOURCE).startsWith(leader.name() + " (running");
        });
        return Map.copyOf(seen);
    }

    /**
     * A pause sent to a follower, the leader killed while the source is paused, the source kept paused by the
     * instance that takes over, then resumed through a follower. The failover's time is the kill to the moment the
     * new leader holds the source (paused, it commits nothing until resumed).
     */
    private Failover killPausedLeader(DeliveryCount count, Runnable killed) throws Exception {
        HubInstance leader = awaitLeader(null, Duration.ofMinutes(2));
        await(Duration.ofMinutes(4)).until(() -> instances.stream().filter(i -> i != leader && i.alive()
                && i.state(SOURCE).filter("standby"::equals).isPresent()).count() >= 2);
        List<HubInstance> followers = instances.stream().filter(i -> i != leader).toList();
        java.net.http.HttpResponse<String> accepted = followers.get(0).post(SOURCE, "pause");
        String commandId = HubInstance.json(accepted.body()).path("id").asText();
        com.fasterxml.jackson.databind.JsonNode applied = await(Duration.ofMinutes(1)).until(
                () -> followers.get(0).command(SOURCE, commandId).orElse(null),
                c -> c != null && !c.path("appliedAt").isNull() && !c.path("appliedAt").isMissingNode());
        Instant pausedAt = Instant.parse(applied.path("appliedAt").asText());
        out.printf("pause sent to %s (HTTP %d), applied by %s at %s%n", followers.get(0).name(),
                accepted.statusCode(), applied.path("appliedBy").asText(), pausedAt);
        await(Duration.ofMinutes(1)).until(() -> leader.state(SOURCE).filter("paused"::equals).isPresent());
        Instant killedAt = Instant.now();
        leader.kill();
        instances.remove(leader);
        killed.run();
        out.printf("kill -9 of %s, the leader of the paused %s, at %s%n", leader.name(), SOURCE, killedAt);
        AtomicReference<HubInstance> heldBy = new AtomicReference<>();
        await(Duration.ofMinutes(2)).until(() -> {
            for (HubInstance instance : instances) {
                if (instance.state(SOURCE).filter("paused"::equals).isPresent()) {
                    heldBy.set(instance);
                    return true;
                }
            }
            return false;
        });
        Duration takeover = Duration.between(killedAt, Instant.now());
        HubInstance successor = heldBy.get();
        HubInstance other = instances.stream().filter(i -> i != successor).findFirst().orElseThrow();
        com.fasterxml.jackson.databind.JsonNode seen = await(Duration.ofMinutes(1)).until(
                () -> other.source(SOURCE).orElse(null),
                s -> s != null && successor.name().equals(s.path("leader").asText()));
        out.printf("  %s took over and keeps it paused (%.1f s after the kill); %s shows it %s, led by %s%n",
                successor.name(), takeover.toMillis() / 1000.0, other.name(), seen.path("state").asText(),
                seen.path("leader").asText());
        String resumeId = HubInstance.json(other.post(SOURCE, "resume").body()).path("id").asText();
        com.fasterxml.jackson.databind.JsonNode resumed = await(Duration.ofMinutes(1)).until(
                () -> other.command(SOURCE, resumeId).orElse(null),
                c -> c != null && !c.path("appliedAt").isNull() && !c.path("appliedAt").isMissingNode());
        Instant resumedAt = Instant.parse(resumed.path("appliedAt").asText());
        DeliveryCount.Commit next;
        try {
            next = await(Duration.ofMinutes(2)).until(() -> count.firstCommitAfter(SOURCE, resumedAt),
                    Optional::isPresent).orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("no commit after the resume; the new leader's threads: "
                    + successor.dumpThreads("after-resume"), e);
        }
        // The checkpoints topic has one partition: every commit before this one has been seen.
        Instant firstAfterPause = count.firstCommitAfter(SOURCE, pausedAt).map(DeliveryCount.Commit::committedAt)
                .orElse(next.committedAt());
        out.printf("  resume sent to %s, applied by %s; first commit after the pause at %s%n", other.name(),
                resumed.path("appliedBy").asText(), firstAfterPause);
        pause = new PauseAcrossFailover(accepted.statusCode(), applied.path("requestedOn").asText(),
                applied.path("appliedBy").asText(), leader.name(), successor.name(), seen.path("state").asText(),
                seen.path("leader").asText(), resumed.path("appliedBy").asText(), resumedAt, firstAfterPause);
        return new Failover(leader.name(), successor.name(), takeover);
    }

    private Duration killBroker(DeliveryCount count) throws Exception {
        Instant killedAt = Instant.now();
        settings.broker().kill();
        out.printf("kill -9 of the broker at %s%n", killedAt);
        // While it is away, the leader shows the source failing, with the reason.
        HubInstance leader = instances.stream().filter(i -> i.state(SOURCE).filter(s -> !s.equals("standby"))
                .isPresent()).findFirst().orElse(null);
        if (leader != null) {
            await(Duration.ofSeconds(60)).until(() -> leader.state(SOURCE).filter("failing"::equals).isPresent());
            stateDuringBrokerOutage = leader.name() + ": " + leader.sourceJson(SOURCE).orElse("?");
            out.printf("  %s shows %s failing (%.1f s after the kill); restarting the broker%n", leader.name(),
                    SOURCE, Duration.between(killedAt, Instant.now()).toMillis() / 1000.0);
        }
        settings.broker().restart();
        DeliveryCount.Commit next = await(Duration.ofMinutes(3)).until(
                () -> count.firstCommitAfter(SOURCE, killedAt), Optional::isPresent).orElseThrow();
        Duration outage = Duration.between(killedAt, next.seenAt());
        out.printf("  broker back; kill to next commit %.1f s%n", outage.toMillis() / 1000.0);
        return outage;
    }

    /** Waits on a condition; gives up at once if an instance that was not killed has exited (see its log). */
    private ConditionFactory await(Duration limit) {
        return Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .failFast("a hub instance exited (its log is in " + settings.workDir() + ")",
                        () -> instances.stream().anyMatch(i -> !i.alive()));
    }

    /** The rows written before kill {@code k} (1…kills); with {@code k} past the last kill, all of them. */
    private long threshold(int k) {
        return k > settings.kills() ? settings.rows() : (long) settings.rows() * k / (settings.kills() + 1);
    }

    /**
     * The most rows the writer may have written before kill {@code k}: halfway from that kill's threshold to the
     * next one's, so that rows are still written after every kill — the last one too — and each failover is
     * measured by a commit that only the instance taking over can make. (Up to the next threshold, the writer
     * could finish before the last kill, whose new leader then had nothing left to commit.)
     */
    private long cap(int k) {
        return k > settings.kills() ? settings.rows() : (threshold(k) + threshold(k + 1)) / 2;
    }

    /**
     * Writes the run's rows at its rate, a few per transaction, paced by the clock — never past the rows allowed so
     * far, so that on a slow machine the writer does not finish before the kills and leave them nothing to take over.
     */
    private final class Writer implements Runnable {
        private final ExchangeRows rows;
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong allowed = new AtomicLong(cap(1));
        private volatile Exception failed;

        Writer(ExchangeRows rows) {
            this.rows = rows;
        }

        @Override
        public void run() {
            long t0 = System.nanoTime();
            try {
                while (written.get() < settings.rows()) {
                    long due = Math.min(allowed.get(),
                            (System.nanoTime() - t0) * settings.ratePerSecond() / 1_000_000_000L) - written.get();
                    if (due > 0) {
                        written.addAndGet(rows.write((int) Math.min(due, 500), settings.badEvery()));
                    } else {
                        Thread.sleep(20);
                    }
                }
            } catch (Exception e) {
                failed = e;
            }
        }

        long written() {
            return written.get();
        }

        void allow(long upTo) {
            allowed.accumulateAndGet(upTo, Math::max);
        }

        Exception failed() {
            return failed;
        }

        void check() {
            if (failed != null) {
                throw new IllegalStateException("writing rows failed", failed);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
