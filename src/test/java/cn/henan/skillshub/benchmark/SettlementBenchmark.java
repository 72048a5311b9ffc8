package cn.henan.skillshub.benchmark;

import cn.henan.skillshub.benchmark.DecisionWatcher.Latencies;
import cn.henan.skillshub.benchmark.SettlementWorkload.Period;
import cn.henan.skillshub.benchmark.SettlementWorkload.Person;
import cn.henan.skillshub.benchmark.SettlementWorkload.Planned;
import cn.henan.skillshub.events.EventEnvelope;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.reference.ReferenceData;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The settlement benchmark ({@code bash kafka/benchmark.sh settlement [N]}): the subsidy settlement service as
 * production runs it — its own JVM ({@code SPRING_PROFILES_ACTIVE=settlement}, read_committed, the outbox relay,
 * the ledger's constraints and trigger in the real PostgreSQL) — fed on the standalone broker with what the hub
 * publishes. Phases:
 * <ol>
 *   <li>a year: N people ({@link SettlementWorkload}: enrolment, hours, completion, level certificate, CE hours
 *       for one in four, and the cases the rules exist for), published in transactions as the hub's sources do;
 *       until every event is consumed and every decision is on the decisions topic;</li>
 *   <li>pgbench on the same server: the ledger's row writes for one person, without its reads and locks;</li>
 *   <li>the release: held claims (certificates after 2025-12-31), then a new standard version PUT through the API;
 *       until every held claim is decided, with a trickle of live people meanwhile;</li>
 *   <li>the release again, with a kill -9 of the service half-way and a restart;</li>
 *   <li>checks: decisions by kind and reason = what was planted, ledger = topic row for row, none twice.</li>
 * </ol>
 * Not a test: nothing in the build depends on its figures.
 */
public final class SettlementBenchmark {

    private static final String KEY_SECRET = "benchmark-secret-not-for-production";
    private static final String API_KEY = "benchmark-platform-key-not-for-production";
    private static final String GROUP_ID = "skills-hub-settlement";
    /** People per chunk at most; at least 50 chunks a year, so every tenth of it has the same mix of events. */
    private static final int PEOPLE_PER_CHUNK = 10_000;
    private static final int RECORDS_PER_TRANSACTION = 2000;

    private final Settings settings;
    private final PrintStream out = System.out;
    private final List<String> report = new ArrayList<>();
    private final Map<String, Long> planted = new TreeMap<>();
    private long plantedParked;
    private HubProcess service;
    private double finishedServiceCpu;
    private double lastServiceCpu;
    private final List<Properties> memories = new ArrayList<>();

    private SettlementBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.fromEnvironment(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[benchmark] " + e.getMessage());
            System.exit(2);
            return;
        }
        new SettlementBenchmark(settings).run();
        System.exit(0);
    }

    record Settings(long people, int heldClaims, int killClaims, String bootstrapServers, Path workDir,
                    String jdbcUrl, String jdbcUser, String jdbcPassword, String database, String hubHeap,
                    List<String> hubJavaOptions, int tricklePeople, int pgbenchSeconds, int apiPort) {

        static Settings fromEnvironment(String[] args) throws IOException {
            List<String> rest = List.of(args).subList(args.length > 0 && args[0].equals("settlement") ? 1 : 0,
                    args.length);
            String number = rest.isEmpty() ? "500000" : rest.get(0).replace("_", "").replace(",", "");
            if (!number.matches("\\d+")) {
                throw new IllegalArgumentException("usage: benchmark.sh settlement [N people]; '" + rest.get(0)
                        + "' is not a whole number");
            }
            Path repoRoot = Path.of(env("BENCH_REPO_ROOT", ".")).toAbsolutePath().normalize();
            String url = env("BENCH_SETTLEMENT_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/bench_settlement");
            String database = url.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
            if (!database.startsWith("bench")) {
                // The benchmark drops and recreates this database: never one that is not its own.
                throw new IllegalArgumentException("BENCH_SETTLEMENT_JDBC_URL must name a database whose name begins"
                        + " with 'bench' (it is dropped and created again), was '" + database + "'");
            }
            List<String> jvm = new ArrayList<>();
            if (!env("BENCH_HUB_JFR", "").isEmpty()) {
                jvm.add("-XX:StartFlightRecording=filename=" + repoRoot.resolve(env("BENCH_DATA_DIR", "data/bench"))
                        .resolve("settlement.jfr") + ",settings=profile");
            }
            Stream.of(env("BENCH_HUB_JAVA_OPTS", "").trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(jvm::add);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            return new Settings(Long.parseLong(number), Integer.parseInt(env("BENCH_HELD_CLAIMS", "100000")),
                    Integer.parseInt(env("BENCH_KILL_CLAIMS", env("BENCH_HELD_CLAIMS", "100000"))),
                    "127.0.0.1:" + env("BENCH_KAFKA_PORT", "29092"),
                    repoRoot.resolve(env("BENCH_DATA_DIR", "data/bench")), url, env("BENCH_JDBC_USER", "postgres"),
                    env("BENCH_JDBC_PASSWORD", ""), database, env("BENCH_HUB_HEAP", "1g"), jvm,
                    Integer.parseInt(env("BENCH_TRICKLE_PEOPLE", "10")),
                    Integer.parseInt(env("BENCH_PGBENCH_SECONDS", "30")), port);
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    private void run() throws Exception {
        Files.createDirectories(settings.workDir());
        say("skills-hub settlement benchmark: N=%,d people, %,d + %,d held claims, broker %s, PostgreSQL %s",
                settings.people(), settings.heldClaims(), settings.killClaims(), settings.bootstrapServers(),
                settings.jdbcUrl());
        say("machine: %s; load average at start %s (1/5/15 min; other jobs share the machine)",
                HubBenchmark.machine(), HubBenchmark.loadAverage());
        recreateDatabase();
        SettlementWorkload workload = new SettlementWorkload(new ReferenceData(), KEY_SECRET);
        startService();
        try {
            awaitTopics(Topics.TRAINING, Topics.ASSESSMENT, Topics.CE_HOURS, Topics.SUBSIDY_DECISIONS);
            awaitApi();
            measure(workload);
        } finally {
            service.close();
            memories.add(service.memory());
        }
        memory();
        say("load average at end: %s", HubBenchmark.loadAverage());
        Files.write(settings.workDir().resolve("report-settlement.txt"), report, StandardCharsets.UTF_8);
        out.println("report: " + settings.workDir().resolve("report-settlement.txt"));
    }

    private void measure(SettlementWorkload workload) throws Exception {
        try (DecisionWatcher watcher = new DecisionWatcher(settings.bootstrapServers());
             PostgresCpu pgCpu = new PostgresCpu(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(),
                     settings.database());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            double yearRelevantRate = year(workload, watcher, pgCpu, admin);
            double pgbenchTps = pgbench();
            if (pgbenchTps > 0) {
                say("settlement/pgbench: %.2f (ledger transactions/s %,.0f vs pgbench transactions/s %,.0f); target"
                        + " >= 0.5: %s", yearRelevantRate / pgbenchTps, yearRelevantRate, pgbenchTps,
                        yearRelevantRate / pgbenchTps >= 0.5 ? "met" : "MISSED");
            }
            if (settings.heldClaims() > 0) {
                release(workload, watcher, pgCpu, new Period("R", 1, LocalDate.of(2026, 1, 5), 140, true, true),
                        settings.heldClaims(), "2026-01-01", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), false);
            }
            if (settings.killClaims() > 0) {
                release(workload, watcher, pgCpu, new Period("K", 2, LocalDate.of(2026, 7, 5), 140, true, true),
                        settings.killClaims(), "2026-07-01", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 12, 31), true);
            }
            check(watcher);
        }
    }

    // ---- a year ----

    /** Publishes the year and waits for it to be settled; returns the ledger's transactions (relevant events)/s. */
    private double year(SettlementWorkload workload, DecisionWatcher watcher, PostgresCpu pgCpu, Admin admin)
            throws Exception {
        Period year = new Period("Y", 0, LocalDate.of(2025, 3, 25), 250, false, false);
        Latencies latencies = new Latencies();
        watcher.measureInto(latencies);
        List<Sample> samples = new CopyOnWriteArrayList<>();
        Sampler sampler = new Sampler(samples, pgCpu, admin);
        say("a year: publishing %,d people ...", settings.people());
        long started = System.nanoTime();
        samples.add(sampler.sample());
        Thread sampling = new Thread(sampler, "bench-sampler");
        sampling.setDaemon(true);
        sampling.start();
        Published published;
        int mainPart;
        try (KafkaProducer<String, byte[]> producer = producer("skills-hub-bench-year")) {
            published = publish(producer, workload, year, 0, settings.people(), watcher);
            double publishSeconds = (System.nanoTime() - started) / 1e9;
            say("  published %,d events (%,d on the topics settlement reads, %,d of them completions, certificates"
                            + " and revocations) in %.1f s; settling ...", published.events, published.settled,
                    published.relevant, publishSeconds);
            // What comes weeks later in life (revocations; a completion after its certificate's revocation) comes
            // once the service has read the rest, as it would.
            awaitNoLag(admin);
            mainPart = samples.size();
            List<String> joins = new ArrayList<>();
            producer.beginTransaction();
            for (Planned planned : published.deferred) {
                producer.send(EventEnvelope.toRecord(planned.event()));
                published.events++;
                published.settled++;
                published.relevant++;
                if (planned.joins() != null) {
                    joins.add(planned.joins());
                }
            }
            commit(producer, joins, watcher);
            say("  then %,d events that come later (revocations; completions after a revocation)",
                    published.deferred.size());
        }
        long expectedDecisions = published.decisions;
        DecisionWatcher.await("the year's decisions", Duration.ofHours(3),
                () -> watcher.countExcept("Y", "NONE") >= expectedDecisions, this::checkAlive);
        awaitNoLag(admin);
        long done = System.nanoTime();
        sampler.stop();
        sampling.join();
        Sample end = sampler.sample();
        samples.add(end);
        double seconds = (done - started) / 1e9;
        Sample first = samples.get(0);
        say("a year:         %,d people, %,d events published (%,d read by settlement) settled in %.1f s: %,.0f"
                        + " events/s (%,.0f read/s), %,.0f decisions/s", settings.people(), published.events,
                published.settled, seconds, published.events / seconds, published.settled / seconds,
                expectedDecisions / seconds);
        say("  target: ~2,000,000 events in <= 10 min: %s (at this rate 2,000,000 take %.1f min)",
                published.events / seconds * 600 >= 2_000_000 ? "met" : "MISSED", 2_000_000 / (published.events / seconds) / 60);
        say("  join → decision on the topic (the event completing a claim, committed → its decision read):"
                + " %s; the year is published far faster than settled, so this is mostly queueing", latencies.summary());
        say("  CPU: settlement JVM %.1f s, PostgreSQL backends %.1f s, machine %.2f of %d cores busy",
                end.serviceCpu - first.serviceCpu, end.pgCpu - first.pgCpu,
                (end.machineCpu - first.machineCpu) / seconds, Runtime.getRuntime().availableProcessors());
        // The tenths of the main part: the later events wait for it to be read, and the service idles meanwhile.
        List<Sample> main = samples.subList(0, Math.max(1, mainPart));
        tenths(main, main.get(main.size() - 1).consumed);
        say("  ledger on disk: %s; load average %s", ledgerSize(), HubBenchmark.loadAverage());
        return published.relevant / seconds;
    }

    /** Until the service's group has committed the end of every partition it reads. */
    private void awaitNoLag(Admin admin) throws InterruptedException {
        DecisionWatcher.await("the service to read everything", Duration.ofHours(3), () -> lag(admin) == 0,
                this::checkAlive);
    }

    private static long lag(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP_ID)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : List.of(Topics.TRAINING, Topics.ASSESSMENT)) {
                admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : admin.listOffsets(latest).all()
                    .get(30, TimeUnit.SECONDS).entrySet()) {
                // A partition written in transactions ends with a commit marker, which the group's committed
                // offset (the last record's + 1) stops short of: all read, it is one behind the end.
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += at == null ? end.getValue().offset() : Math.max(0, end.getValue().offset() - at.offset() - 1);
            }
            return lag;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Cost per event read by the service in the first and the last tenth of the year. */
    private void tenths(List<Sample> samples, long total) {
        Sample s0 = samples.get(0);
        Sample s10 = samples.stream().filter(s -> s.consumed >= total / 10).findFirst().orElse(null);
        Sample s90 = samples.stream().filter(s -> s.consumed >= total * 9 / 10).findFirst().orElse(null);
        Sample s100 = samples.get(samples.size() - 1);
        if (s10 == null || s90 == null || s10 == s100 || s90 == s100) {
            say("  per-event cost by tenth: too few samples");
            return;
        }
        double firstCost = s10.costSince(s0);
        double lastCost = s100.costSince(s90);
        double firstWall = s10.wallSince(s0);
        double lastWall = s100.wallSince(s90);
        say("  per event read, first tenth: %.0f µs CPU (service + PostgreSQL), %.0f µs wall; last tenth: %.0f µs"
                + " CPU, %.0f µs wall; last/first CPU %.2f, wall %.2f; target within 20%%: %s", firstCost, firstWall,
                lastCost, lastWall, lastCost / firstCost, lastWall / firstWall,
                lastCost <= firstCost * 1.2 ? "met" : "MISSED");
    }

    private record Sample(long nanos, long consumed, double serviceCpu, double pgCpu, double machineCpu) {

        double costSince(Sample before) {
            return ((serviceCpu - before.serviceCpu) + (pgCpu - before.pgCpu)) * 1e6 / (consumed - before.consumed);
        }

        double wallSince(Sample before) {
            return (nanos - before.nanos) / 1e3 / (consumed - before.consumed);
        }
    }

    /** Once a second: the service group's committed offsets, the service's and PostgreSQL's CPU. */
    private final class Sampler implements Runnable {
        private final List<Sample> samples;
        private final PostgresCpu pgCpu;
        private final Admin admin;
        private volatile boolean running = true;

        Sampler(List<Sample> samples, PostgresCpu pgCpu, Admin admin) {
            this.samples = samples;
            this.pgCpu = pgCpu;
            this.admin = admin;
        }

        Sample sample() {
            long consumed = 0;
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP_ID)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                    if (e.getValue() != null) {
                        consumed += e.getValue().offset();
                    }
                }
            } catch (Exception e) {
                consumed = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).consumed;
            }
            return new Sample(System.nanoTime(), consumed, serviceCpu(), pgCpu.seconds(), machineSeconds());
        }

        @Override
        public void run() {
            while (running) {
                samples.add(sample());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            running = false;
        }
    }

    // ---- publishing ----

    private static final class Published {
        long events;
        long settled;
        long relevant;
        long decisions;
        final List<Planned> deferred = new ArrayList<>();
    }

    private KafkaProducer<String, byte[]> producer(String transactionalId) {
        Map<String, Object> config = new HashMap<>(HubBenchmark.HUB_PRODUCER_SETTINGS);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    /**
     * People {@code from} .. {@code to} of {@code period}, in chunks: each chunk's people's first events, then their
     * second… so events of different people interleave while each person's stay in order (one key, one partition).
     * Transactions of {@value #RECORDS_PER_TRANSACTION} records, as a source's batch.
     */
    private Published publish(KafkaProducer<String, byte[]> producer, SettlementWorkload workload, Period period,
                              long from, long to, DecisionWatcher watcher) {
        Published published = new Published();
        List<String> joins = new ArrayList<>();
        int inTransaction = 0;
        producer.beginTransaction();
        long perChunk = Math.max(100, Math.min(PEOPLE_PER_CHUNK, (to - from) / 50));
        for (long chunk = from; chunk < to; chunk += perChunk) {
            List<Person> people = new ArrayList<>();
            int stages = 0;
            for (long i = chunk; i < Math.min(to, chunk + perChunk); i++) {
                Person person = workload.person(i, period);
                people.add(person);
                stages = Math.max(stages, person.events().size());
                person.expected().forEach(k -> planted.merge(k, 1L, Long::sum));
                plantedParked += person.parked();
                published.decisions += person.expected().size();
            }
            for (int stage = 0; stage < stages; stage++) {
                for (Person person : people) {
                    if (stage >= person.events().size()) {
                        continue;
                    }
                    Planned planned = person.events().get(stage);
                    if (planned.deferred()) {
                        published.deferred.add(planned);
                        continue;
                    }
                    producer.send(EventEnvelope.toRecord(planned.event()));
                    published.events++;
                    EventType type = planned.event().type();
                    if (type.topic().equals(Topics.TRAINING) || type.topic().equals(Topics.ASSESSMENT)) {
                        published.settled++;
                    }
                    if (type == EventType.TRAINING_COMPLETED || type == EventType.CERTIFICATE_ISSUED
                            || type == EventType.CERTIFICATE_REVOKED) {
                        published.relevant++;
                    }
                    if (planned.joins() != null) {
                        joins.add(planned.joins());
                    }
                    if (++inTransaction == RECORDS_PER_TRANSACTION) {
                        commit(producer, joins, watcher);
                        inTransaction = 0;
                        producer.beginTransaction();
                    }
                }
            }
        }
        commit(producer, joins, watcher);
        return published;
    }

    /** Commits; the joins of the transaction count from just before the commit (their latency includes it). */
    private static void commit(KafkaProducer<String, byte[]> producer, List<String> joins, DecisionWatcher watcher) {
        long now = System.nanoTime();
        joins.forEach(j -> watcher.joined(j, now));
        joins.clear();
        producer.commitTransaction();
    }

    // ---- the release ----

    private void release(SettlementWorkload workload, DecisionWatcher watcher, PostgresCpu pgCpu, Period period,
                         int held, String version, LocalDate validFrom, LocalDate validTo, boolean kill)
            throws Exception {
        String name = kill ? "release with kill -9" : "the release";
        say("%s: publishing %,d people whose claims arise after the last standard ...", name, held);
        try (KafkaProducer<String, byte[]> producer = producer("skills-hub-bench-held-" + period.prefix())) {
            publish(producer, workload, period, 0, held, watcher);
        }
        DecisionWatcher.await(held + " held claims", Duration.ofHours(1),
                () -> watcher.count(period.prefix(), "HELD") >= held, this::checkAlive);
        say("  %,d claims HELD (NO_STANDARD_IN_FORCE); PUT subsidy-standard version %s (%s .. %s) with a trickle of"
                + " %d people/s", watcher.count(period.prefix(), "HELD"), version, validFrom, validTo,
                settings.tricklePeople());
        Latencies trickleLatencies = new Latencies();
        watcher.measureInto(trickleLatencies);
        Trickler trickle = new Trickler(workload, watcher, new Period("T" + period.prefix(), 3 + period.number(),
                LocalDate.of(2025, 4, 1), 200, false, true));
        Thread trickling = new Thread(trickle, "bench-trickle");
        trickling.setDaemon(true);
        trickling.start();
        Thread.sleep(3000); // the trickle's latency before the release, for comparison
        double pgBefore = pgCpu.seconds();
        double serviceBefore = serviceCpu();
        long started = System.nanoTime();
        put(version, workload.standardVersionBody(validFrom, validTo));
        boolean killed = false;
        long lastPrint = System.nanoTime();
        double killedAt = 0;
        while (watcher.countExcept(period.prefix(), "HELD") < held) {
            checkAlive();
            long decided = watcher.countExcept(period.prefix(), "HELD");
            if (kill && !killed && decided >= held / 2) {
                killedAt = (System.nanoTime() - started) / 1e9;
                say("  kill -9 of the settlement JVM (pid %d) at %,d of %,d decided, %.1f s in", service.pid(), decided,
                        held, killedAt);
                lastServiceCpu = CpuTime.processSeconds(service.pid()) > 0 ? CpuTime.processSeconds(service.pid())
                        : lastServiceCpu;
                service.kill();
                memories.add(service.memory());
                finishedServiceCpu += lastServiceCpu;
                lastServiceCpu = 0;
                startService();
                killed = true;
            }
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                lastPrint = System.nanoTime();
                say("  %5.1f s: %,d of %,d decided; trickle %s", (lastPrint - started) / 1e9, decided, held,
                        trickleLatencies.summary());
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double pgUsed = pgCpu.seconds() - pgBefore;
        double serviceUsed = serviceCpu() - serviceBefore;
        trickle.stop();
        trickling.join();
        long trickleDecisions = trickle.expectedDecisions;
        DecisionWatcher.await("the trickle's decisions", Duration.ofMinutes(10),
                () -> watcher.countExcept(trickle.period.prefix(), "NONE") >= trickleDecisions, this::checkAlive);
        // The target is for 100,000 claims; a smaller release is held to the same rate.
        double target = 120.0 * held / 100_000;
        say("%s: %,d held claims decided in %.1f s (%,.0f claims/s)%s; target 100,000 in <= 120 s (%,.0f claims/s):"
                        + " %s", name, held, seconds, held / seconds,
                kill ? String.format(", killed at %.1f s and restarted", killedAt) : "", 100_000 / 120.0,
                seconds <= target ? "met" : "MISSED");
        say("  trickle during the release (%d people/s, join → decision): %s; target p99 <= 5 s: %s",
                settings.tricklePeople(), trickleLatencies.summary(),
                trickleLatencies.percentile(99) <= 5 ? "met" : "MISSED");
        say("  CPU: settlement JVM %.1f s, PostgreSQL backends %.1f s (%.0f µs per claim)", serviceUsed, pgUsed,
                (serviceUsed + pgUsed) * 1e6 / held);
        exactlyOnce(watcher, period.prefix(), held);
        say("  load average %s", HubBenchmark.loadAverage());
    }

    /** The held claims of {@code prefix}: each decided once after the release, on the ledger and on the topic. */
    private void exactlyOnce(DecisionWatcher watcher, String prefix, int held) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT claim_id) FROM settlement.decision"
                     + " WHERE enrolment_no LIKE 'BM-" + prefix + "%' AND decision <> 'HELD'")) {
            rs.next();
            long rows = rs.getLong(1);
            long claims = rs.getLong(2);
            long onTopic = watcher.countExcept(prefix, "HELD");
            boolean ok = rows == held && claims == held && onTopic == held;
            say("  exactly once: %,d held claims; ledger %,d decisions of %,d claims, topic %,d: %s", held, rows,
                    claims, onTopic, ok ? "ok" : "WRONG");
        }
    }

    /** Live people at a steady rate, each in a transaction of its own, as a source's small polls. */
    private final class Trickler implements Runnable {
        private final SettlementWorkload workload;
        private final DecisionWatcher watcher;
        final Period period;
        private volatile boolean running = true;
        volatile long expectedDecisions;

        Trickler(SettlementWorkload workload, DecisionWatcher watcher, Period period) {
            this.workload = workload;
            this.watcher = watcher;
            this.period = period;
        }

        @Override
        public void run() {
            try (KafkaProducer<String, byte[]> producer = producer("skills-hub-bench-trickle-" + period.prefix())) {
                long index = 0;
                long next = System.nanoTime();
                long interval = 1_000_000_000L / Math.max(1, settings.tricklePeople());
                while (running) {
                    Published p = publish(producer, workload, period, index, index + 1, watcher);
                    expectedDecisions += p.decisions;
                    index++;
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            running = false;
        }
    }

    private void put(String version, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + settings.apiPort() + "/api/v1/reference/subsidy-standards/" + version))
                .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("PUT subsidy-standards/" + version + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    // ---- pgbench ----

    /**
     * pgbench with the ledger's row writes for one plain person, in the ledger's two transactions: the completion
     * (processed_event, training_completion, claim: 3 inserts) and the certificate (processed_event,
     * level_certificate, decision: 3 inserts, and the claim's update). Two clients, as the service's two consumer
     * threads. Returns transactions per second (two per script).
     */
    private double pgbench() throws IOException, InterruptedException, SQLException {
        String pgbench = pgbenchBinary();
        if (pgbench == null) {
            say("pgbench: not found (PATH, /usr/lib/postgresql/*/bin): no baseline");
            return 0;
        }
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS pgb CASCADE");
            s.execute("CREATE SCHEMA pgb");
            s.execute("CREATE TABLE pgb.processed (ce_id uuid PRIMARY KEY, ce_type text NOT NULL, topic text NOT NULL,"
                    + " partition int NOT NULL, kafka_offset bigint NOT NULL, processed_at timestamptz DEFAULT now())");
            s.execute("CREATE TABLE pgb.fact (k text PRIMARY KEY, person_key text NOT NULL, payload text)");
            s.execute("CREATE INDEX ON pgb.fact (person_key)");
            s.execute("CREATE TABLE pgb.claim (claim_id bigserial PRIMARY KEY, k text UNIQUE NOT NULL, person_key text"
                    + " NOT NULL, status text NOT NULL, updated_at timestamptz)");
            s.execute("CREATE INDEX ON pgb.claim (person_key)");
            s.execute("CREATE TABLE pgb.decision (decision_id bigserial PRIMARY KEY, claim_id bigint NOT NULL,"
                    + " payload text, decided_at timestamptz DEFAULT now())");
        }
        Path script = settings.workDir().resolve("pgbench-ledger.sql");
        Files.writeString(script, """
                \\set p random(1, 2000000000)
                BEGIN;
                INSERT INTO pgb.processed VALUES (gen_random_uuid(), 'skills.training.completed.v1', 'skills.training.v1', 0, :p);
                INSERT INTO pgb.fact VALUES (gen_random_uuid()::text, 'pk-' || :p, repeat('x', 300));
                INSERT INTO pgb.claim (k, person_key, status, updated_at) VALUES (gen_random_uuid()::text, 'pk-' || :p, 'PENDING', now());
                COMMIT;
                BEGIN;
                INSERT INTO pgb.processed VALUES (gen_random_uuid(), 'skills.assessment.certificate-issued.v1', 'skills.assessment.v1', 0, :p);
                INSERT INTO pgb.fact VALUES (gen_random_uuid()::text, 'pk-' || :p, repeat('x', 200));
                UPDATE pgb.claim SET status = 'APPROVED', updated_at = now() WHERE claim_id = currval('pgb.claim_claim_id_seq');
                INSERT INTO pgb.decision (claim_id, payload) VALUES (currval('pgb.claim_claim_id_seq'), repeat('x', 600));
                COMMIT;
                """);
        Matcher hostPort = Pattern.compile("//([^:/]+)(?::(\\d+))?/").matcher(settings.jdbcUrl());
        String host = hostPort.find() ? hostPort.group(1) : "127.0.0.1";
        String port = hostPort.group(2) == null ? "5432" : hostPort.group(2);
        say("pgbench: the ledger's row writes of one person (2 transactions: 3 inserts; 3 inserts + 1 update),"
                + " 2 clients, %d s ...", settings.pgbenchSeconds());
        Process process = new ProcessBuilder(pgbench, "-h", host, "-p", port, "-U", settings.jdbcUser(), "-n",
                "-M", "prepared", "-c", "2", "-j", "2", "-T", Integer.toString(settings.pgbenchSeconds()), "-f",
                script.toString(), settings.database()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            say("pgbench failed: %s", output.strip());
            return 0;
        }
        double transactions = Double.parseDouble(tps.group(1)) * 2;
        say("pgbench:        %,.0f scripts/s = %,.0f ledger-like transactions/s (%.1f row writes each on average);"
                + " load average %s", transactions / 2, transactions, 3.5, HubBenchmark.loadAverage());
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA pgb CASCADE");
        }
        return transactions;
    }

    private static String pgbenchBinary() {
        String fromEnv = System.getenv("BENCH_PGBENCH");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "pgbench"))) {
                return Path.of(dir, "pgbench").toString();
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable).map(Path::toString)
                    .max(String::compareTo).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    // ---- checks ----

    /**
     * Decisions by kind and reason on the ledger and on the topic against what was planted; parked events; the
     * ledger and the topic row for row; no decision twice.
     */
    private void check(DecisionWatcher watcher) throws SQLException {
        Map<String, Long> ledger = new TreeMap<>();
        long ledgerRows = 0;
        long missingOnTopic = 0;
        long parked;
        try (Connection c = connection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT decision, array_to_string(reason_codes, '+'), count(*)"
                    + " FROM settlement.decision GROUP BY 1, 2")) {
                while (rs.next()) {
                    String reasons = rs.getString(2);
                    ledger.put(rs.getString(1) + " " + (reasons == null || reasons.isEmpty() ? "-" : reasons),
                            rs.getLong(3));
                }
            }
            c.setAutoCommit(false);
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery("SELECT claim_id, decision FROM settlement.decision")) {
                while (rs.next()) {
                    ledgerRows++;
                    if (!watcher.has(rs.getLong(1), rs.getString(2))) {
                        missingOnTopic++;
                    }
                }
            }
            c.commit();
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM settlement.parked_event")) {
                rs.next();
                parked = rs.getLong(1);
            }
        }
        Map<String, Long> topic = watcher.byKind();
        TreeSet<String> kinds = new TreeSet<>(planted.keySet());
        kinds.addAll(ledger.keySet());
        kinds.addAll(topic.keySet());
        say("decisions by kind and reason          planted     ledger      topic");
        boolean allEqual = true;
        for (String kind : kinds) {
            long p = planted.getOrDefault(kind, 0L);
            long l = ledger.getOrDefault(kind, 0L);
            long t = topic.getOrDefault(kind, 0L);
            boolean equal = p == l && l == t;
            allEqual &= equal;
            say("  %-34s %,10d %,10d %,10d %s", kind, p, l, t, equal ? "" : "DIFFERENT");
        }
        say("  parked events (unknown occupation): planted %,d, ledger %,d %s", plantedParked, parked,
                plantedParked == parked ? "" : "DIFFERENT");
        say("decisions = planted: %s; ledger and topic row for row: %,d ledger rows, %,d on the topic, %,d missing"
                        + " on the topic, %,d seen twice: %s", allEqual && plantedParked == parked ? "yes" : "NO",
                ledgerRows, watcher.total(), missingOnTopic, watcher.duplicates(),
                ledgerRows == watcher.total() && missingOnTopic == 0 && watcher.duplicates() == 0 ? "agree" : "DISAGREE");
        say("ledger on disk: %s", ledgerSize());
    }

    private String ledgerSize() {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN"
                     + " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'settlement' AND c.relkind = 'r'"
                     + " ORDER BY 2 DESC")) {
            long total = 0;
            StringBuilder parts = new StringBuilder();
            while (rs.next()) {
                total += rs.getLong(2);
                if (rs.getLong(2) > 1 << 20) {
                    parts.append(parts.isEmpty() ? "" : ", ").append(rs.getString(1))
                            .append(String.format(" %.0f MB", rs.getLong(2) / 1e6));
                }
            }
            return String.format("%.0f MB (%s; tables with their indexes and TOAST)", total / 1e6, parts);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private void memory() {
        long heap = 0;
        long rss = 0;
        long live = 0;
        for (Properties m : memories) {
            heap = Math.max(heap, Long.parseLong(m.getProperty("peakHeapUsed", "0")));
            live = Math.max(live, Long.parseLong(m.getProperty("peakLiveAfterGc", "0")));
            rss = Math.max(rss, Long.parseLong(m.getProperty("peakRssKb", "0")));
        }
        say("settlement JVM (-Xmx%s), over its %d runs: peak heap used %.0f MB, peak live after GC %.0f MB,"
                + " peak RSS %.0f MB", settings.hubHeap(), memories.size(), heap / 1e6, live / 1e6, rss / 1e3);
    }

    // ---- the service and the database ----

    private void startService() throws IOException, NoSuchAlgorithmException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.profiles.active", "settlement");
        props.put("spring.kafka.bootstrap-servers", settings.bootstrapServers());
        props.put("spring.datasource.url", settings.jdbcUrl());
        props.put("spring.datasource.username", settings.jdbcUser());
        props.put("spring.datasource.password", settings.jdbcPassword());
        props.put("skillshub.sources.realname.jdbc.url", settings.jdbcUrl());
        props.put("skillshub.sources.realname.jdbc.username", settings.jdbcUser());
        props.put("skillshub.sources.realname.jdbc.password", settings.jdbcPassword());
        // What benchmark/hub.properties sets for the publishing benchmark is the profile's here, as in production.
        props.put("camel.main.routes-include-pattern", "");
        props.put("skillshub.settlement.enabled", "true");
        props.put("spring.kafka.listener.auto-startup", "true");
        props.put("skillshub.supervision.enabled", "false");
        props.put("skillshub.settlement.group-id", GROUP_ID);
        props.put("server.port", Integer.toString(settings.apiPort()));
        props.put("skillshub.security.api-keys", "benchmark-platform:PLATFORM:" + sha256(API_KEY));
        props.put("skillshub.person.key-secret", KEY_SECRET);
        service = HubProcess.start(settings.workDir().resolve("settlement"), settings.hubHeap(),
                settings.hubJavaOptions(), props, settings.bootstrapServers());
        say("settlement service started as pid %d (-Xmx%s, profile settlement), log %s", service.pid(),
                settings.hubHeap(), service.log());
    }

    private void checkAlive() {
        service.checkAlive();
    }

    private double serviceCpu() {
        double now = CpuTime.processSeconds(service.pid());
        if (now > 0) {
            lastServiceCpu = now;
        }
        return finishedServiceCpu + lastServiceCpu;
    }

    private static double machineSeconds() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void awaitTopics(String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            DecisionWatcher.await("the service's topics (see " + service.log() + ")", Duration.ofMinutes(3), () -> {
                try {
                    return admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(List.of(topics));
                } catch (Exception e) {
                    return false;
                }
            }, this::checkAlive);
        }
    }

    private void awaitApi() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        DecisionWatcher.await("the service's API on port " + settings.apiPort(), Duration.ofMinutes(3), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.apiPort()
                        + "/actuator/health/liveness")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, this::checkAlive);
    }

    private void recreateDatabase() throws SQLException {
        String admin = settings.jdbcUrl().replaceAll("/[^/?]+(\\?.*)?$", "/postgres$1");
        try (Connection c = DriverManager.getConnection(admin, settings.jdbcUser(), settings.jdbcPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + settings.database() + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + settings.database());
        }
        say("database %s created afresh", settings.database());
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
    }

    private static String sha256(String key) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private void say(String format, Object... args) {
        String line = String.format(format, args);
        out.println(line);
        report.add(line);
    }
}
