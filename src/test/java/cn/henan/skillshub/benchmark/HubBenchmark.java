package cn.henan.skillshub.benchmark;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.reference.ReferenceData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;

/**
 * The benchmark driver ({@code bash kafka/benchmark.sh [N]}): the hub against Kafka's own producer, on one
 * standalone broker, in one run. Phases, each measured on its own:
 * <ol>
 *   <li>file path: N CSV lines in files of an SFTP inbox, after a warm-up until the hub's JIT has settled; from
 *       their {@code .done} markers to the last event seen by a {@code read_committed} consumer; each round
 *       followed by the raw producer (ProducerPerformance, N records of the path's average event size, the hub's
 *       client settings), in three rounds;</li>
 *   <li>JDBC backfill: after its own warm-up, N enrolments COPYed into a real-name exchange schema while the hub
 *       (a child process) is running; from their commit to the last event seen; then the raw producer at its
 *       event size;</li>
 *   <li>trickle: rows written at a steady rate, source write → event visible, p50/p99/max;</li>
 *   <li>the hub's peak heap and RSS over the whole run.</li>
 * </ol>
 * Not a test: nothing in the build depends on its figures.
 */
public final class HubBenchmark {

    /** The client settings of the hub's source producers (KafkaConnection), for the raw producer to match. */
    static final Map<String, Object> HUB_PRODUCER_SETTINGS = Map.of(
            "acks", "all", "enable.idempotence", "true", "linger.ms", 10, "batch.size", 262144,
            "compression.type", "lz4");

    /** Records of the raw producer's warm-up run. */
    private static final long RAW_WARMUP = 300_000;
    /** Rows per round of the JDBC path's warm-up. */
    private static final int JDBC_WARMUP_ROUND = 100_000;

    private final Settings settings;
    private final PrintStream out = System.out;

    private HubBenchmark(Settings settings) {
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
        new HubBenchmark(settings).run();
    }

    record Settings(String mode, long records, long bigCsvBytes, int linesPerFile, String bootstrapServers, Path repoRoot, Path workDir, Map<String, String> brokerEnv,
                    String jdbcUrl, String jdbcUser, String jdbcPassword, String schema, String trickleSchema,
                    int warmup, int fileWarmup, long warmupMax, double jitSettled, int pollIntervalMs,
                    String trickleDelayWindow, int trickleRate,
                    Duration trickleDuration, String hubHeap, boolean jfr, List<String> hubJavaOptions, int rounds,
                    long seed) {

        static Settings fromEnvironment(String[] args) {
            // "bigcsv [GB]": one big CSV file through the file path; "files [N]": the file path and its raw
            // producer alone; otherwise "[all] [N]": the whole benchmark.
            boolean named = args.length > 0 && List.of("bigcsv", "files", "all").contains(args[0]);
            String mode = named ? args[0] : "all";
            List<String> rest = List.of(args).subList(named ? 1 : 0, args.length);
            String number = rest.isEmpty() ? null : rest.get(0).replace("_", "").replace(",", "");
            // Records are counted in whole numbers; only the big file's size may be a fraction of a gigabyte.
            if (number != null && !number.matches(mode.equals("bigcsv") ? "\\d+(\\.\\d+)?" : "\\d+")) {
                throw new IllegalArgumentException("usage: benchmark.sh [all|files] [N records] | bigcsv [GB];"
                        + " '" + rest.get(0) + "' is not " + (mode.equals("bigcsv") ? "a number" : "a whole number"));
            }
            long records = !mode.equals("bigcsv") && number != null ? Long.parseLong(number) : 1_000_000;
            long bigCsvBytes = (long) (Double.parseDouble(mode.equals("bigcsv") && number != null ? number : "1")
                    * 1024 * 1024 * 1024);
            Path repoRoot = Path.of(env("BENCH_REPO_ROOT", ".")).toAbsolutePath().normalize();
            Path workDir = repoRoot.resolve(env("BENCH_DATA_DIR", "data/bench"));
            String port = env("BENCH_KAFKA_PORT", "29092");
            Map<String, String> brokerEnv = Map.of("KAFKA_PORT", port,
                    "KAFKA_CONTROLLER_PORT", env("BENCH_KAFKA_CONTROLLER_PORT", "29093"),
                    "KAFKA_DATA_DIR", workDir.resolve("kafka").toString());
            return new Settings(mode, records, bigCsvBytes, Integer.parseInt(env("BENCH_LINES_PER_FILE", "100000")),
                    "127.0.0.1:" + port, repoRoot, workDir, brokerEnv,
                    env("BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test"), env("BENCH_JDBC_USER", "postgres"),
                    env("BENCH_JDBC_PASSWORD", ""), env("BENCH_SCHEMA", "bench_exchange"),
                    env("BENCH_TRICKLE_SCHEMA", "bench_trickle"), Integer.parseInt(env("BENCH_WARMUP", "5000")),
                    Integer.parseInt(env("BENCH_FILE_WARMUP", "100000")),
                    Long.parseLong(env("BENCH_WARMUP_MAX", "2000000")),
                    Double.parseDouble(env("BENCH_JIT_SETTLED", "0.05")),
                    Integer.parseInt(env("BENCH_POLL_INTERVAL_MS", "1000")),
                    env("BENCH_TRICKLE_DELAY_WINDOW", "0 seconds"), Integer.parseInt(env("BENCH_TRICKLE_RATE", "1000")),
                    Duration.ofSeconds(Long.parseLong(env("BENCH_TRICKLE_SECONDS", "60"))),
                    env("BENCH_HUB_HEAP", mode.equals("bigcsv") ? "512m" : "1g"), !env("BENCH_HUB_JFR", "").isEmpty(),
                    Stream.of(env("BENCH_HUB_JAVA_OPTS", "").trim().split("\\s+")).filter(o -> !o.isEmpty())
                            .toList(),
                    Integer.parseInt(env("BENCH_ROUNDS", "3")), Long.parseLong(env("BENCH_SEED", "20250324")));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    private void run() throws Exception {
        Files.createDirectories(settings.workDir());
        String loadAtStart = loadAverage();
        if (settings.mode().equals("bigcsv")) {
            out.printf("skills-hub benchmark, big CSV: one file of %.2f GB through the file path, hub -Xmx%s%n",
                    settings.bigCsvBytes() / (double) (1L << 30), settings.hubHeap());
        } else {
            out.printf("skills-hub benchmark: N=%,d records, broker %s, PostgreSQL %s (schemas %s, %s)%n",
                    settings.records(), settings.bootstrapServers(), settings.jdbcUrl(), settings.schema(),
                    settings.trickleSchema());
        }
        out.println("machine: " + machine() + "; load average at start " + loadAtStart);

        ReferenceData reference = new ReferenceData();
        ExchangeLoader backfill = new ExchangeLoader(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(),
                settings.schema(), "BF", settings.seed());
        ExchangeLoader trickle = new ExchangeLoader(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(),
                settings.trickleSchema(), "TR", settings.seed() + 1);
        backfill.recreate(reference, settings.seed());
        trickle.recreate(reference, settings.seed() + 1);
        // History: a day old, so far older than any delay window; the warm-up rows come first in keyset order.
        Instant history = Instant.now().minus(1, ChronoUnit.DAYS);
        backfill.copyEnrolments(settings.warmup(), history);

        Report report = new Report();
        report.mode = settings.mode();
        try (FileDrop files = new FileDrop(settings.workDir(), reference, settings.seed())) {
            List<String> jvm = new ArrayList<>();
            if (settings.jfr()) {
                jvm.add("-XX:StartFlightRecording=filename=" + settings.workDir().resolve("hub.jfr")
                        + ",settings=profile");
            }
            jvm.addAll(settings.hubJavaOptions());
            long hubStarted = System.nanoTime();
            try (HubProcess hub = HubProcess.start(settings.workDir(), settings.hubHeap(), jvm,
                    hubProperties(files), settings.bootstrapServers())) {
                out.printf("hub started as pid %d (-Xmx%s), log %s%n", hub.pid(), settings.hubHeap(), hub.log());
                awaitTopics(hub, Topics.TRAINING, Topics.ASSESSMENT, Topics.REJECTED);
                try (CommittedCounter counter = new CommittedCounter(settings.bootstrapServers(),
                        List.of(Topics.TRAINING, Topics.ASSESSMENT, Topics.REJECTED))) {
                    counter.awaitCount(Topics.TRAINING, settings.warmup(), Duration.ofSeconds(180), hub::checkAlive);
                    out.printf("hub ready: %,d warm-up events after %.1f s%n", settings.warmup(),
                            (System.nanoTime() - hubStarted) / 1e9);
                    if (settings.mode().equals("bigcsv")) {
                        bigCsv(files, counter, hub, report);
                    } else if (settings.mode().equals("files")) {
                        filePath(files, counter, hub, report);
                    } else {
                        // Files first: after a COPY of N rows PostgreSQL analyses and vacuums the table for a
                        // while, CPU the file path would otherwise share without using PostgreSQL at all.
                        filePath(files, counter, hub, report);
                        jdbcBackfill(backfill, history, counter, hub, report);
                        report.rawForJdbc = rawProducer(report.jdbcEventSize);
                        report.loadAfterRaw = loadAverage();
                        trickle(trickle, counter, report);
                    }
                    report.rejected = counter.count(Topics.REJECTED);
                }
                hub.checkAlive();
                hub.close();
                report.memory = hub.memory();
            }
        }
        report.loadAtStart = loadAtStart;
        report.loadAtEnd = loadAverage();
        report.print(out, settings);
        try (PrintStream file = new PrintStream(settings.workDir().resolve("report-" + settings.mode() + ".txt")
                .toFile())) {
            report.print(file, settings);
        }
    }

    private Map<String, String> hubProperties(FileDrop files) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.kafka.bootstrap-servers", settings.bootstrapServers());
        props.put("skillshub.sources.realname.jdbc.url", settings.jdbcUrl());
        props.put("skillshub.sources.realname.jdbc.username", settings.jdbcUser());
        props.put("skillshub.sources.realname.jdbc.password", settings.jdbcPassword());
        props.put("skillshub.sources.realname.schema", settings.schema());
        props.put("spring.datasource.url", settings.jdbcUrl());
        props.put("spring.datasource.username", settings.jdbcUser());
        props.put("spring.datasource.password", settings.jdbcPassword());
        props.put("skillshub.benchmark.schema", settings.schema());
        props.put("skillshub.benchmark.trickle-schema", settings.trickleSchema());
        props.put("skillshub.benchmark.poll-interval-ms", Integer.toString(settings.pollIntervalMs()));
        props.put("skillshub.benchmark.trickle-delay-window", settings.trickleDelayWindow());
        props.put("skillshub.sources.sftp.spool-directory", settings.workDir().resolve("spool").toString());
        props.putAll(files.hubProperties());
        return props;
    }

    private void jdbcBackfill(ExchangeLoader backfill, Instant history, CommittedCounter counter, HubProcess hub,
                              Report report) throws Exception {
        warmUpJdbcPath(backfill, history, counter, hub);
        out.printf("JDBC backfill: COPY %,d enrolments into %s ...%n", settings.records(), settings.schema());
        counter.resetSize();
        long before = counter.count(Topics.TRAINING);
        long copyStart = System.nanoTime();
        backfill.copyEnrolments((int) settings.records(), history.plus(1, ChronoUnit.HOURS));
        CpuTime cpu = CpuTime.start(processes(hub));
        long committed = System.nanoTime();
        out.printf("  loaded in %.1f s; the hub pulls them ...%n", (committed - copyStart) / 1e9);
        long done = counter.awaitCount(Topics.TRAINING, before + settings.records(), Duration.ofSeconds(60),
                hub::checkAlive);
        report.jdbcCpu = cpu.stop();
        report.jdbcSeconds = (done - committed) / 1e9;
        report.jdbcRate = settings.records() / report.jdbcSeconds;
        report.jdbcEventSize = counter.averageSize();
        report.loadAfterJdbc = loadAverage();
        out.printf("  %,d events committed in %.2f s: %,.0f records/s (average event %.0f bytes incl. key and"
                + " headers)%n", settings.records(), report.jdbcSeconds, report.jdbcRate, report.jdbcEventSize);
        out.println("  CPU: " + report.jdbcCpu.perRecord(settings.records()));
    }

    /**
     * The file path against the raw producer, in {@code BENCH_ROUNDS} rounds of both, one right after the other:
     * this machine's speed drifts by up to half within one run, and a ratio of two figures taken apart in time would
     * carry that drift. The round of median ratio is the one reported, with every round's ratio.
     */
    private void filePath(FileDrop files, CommittedCounter counter, HubProcess hub, Report report) throws Exception {
        warmUpFilePath(files, counter, hub);
        List<FileRound> rounds = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            FileRound measured = fileRound(round, files, counter, hub);
            if (round == 1) {
                warmUpRawProducer(measured.eventSize());
            }
            rounds.add(measured.against(rawProducer(measured.eventSize())));
        }
        report.fileRatios = rounds.stream().map(FileRound::ratio).toList();
        FileRound median = rounds.stream().sorted(Comparator.comparingDouble(FileRound::ratio)).toList()
                .get(rounds.size() / 2);
        report.fileSeconds = median.seconds();
        report.fileRate = median.rate();
        report.fileEventSize = median.eventSize();
        report.fileCpu = median.cpu();
        report.rawForFiles = median.raw();
        report.loadAfterFiles = loadAverage();
    }

    private FileRound fileRound(int round, FileDrop files, CommittedCounter counter, HubProcess hub) throws Exception {
        out.printf("file path, round %d of %d: %,d CSV lines in files of %,d lines into the SFTP inbox ...%n", round,
                settings.rounds(), settings.records(), settings.linesPerFile());
        List<String> names = files.writeFiles("results" + round, settings.records(), settings.linesPerFile());
        counter.resetSize();
        long before = counter.count(Topics.ASSESSMENT);
        CpuTime cpu = CpuTime.start(processes(hub));
        long dropped = System.nanoTime();
        files.markDone(names);
        out.printf("  %d files written; .done markers dropped, the hub pulls them ...%n", names.size());
        long done = counter.awaitCount(Topics.ASSESSMENT, before + settings.records(), Duration.ofSeconds(90),
                hub::checkAlive);
        FileRound measured = new FileRound(settings.records(), (done - dropped) / 1e9, counter.averageSize(),
                cpu.stop(), null);
        out.printf("  %,d events committed in %.2f s: %,.0f records/s (average event %.0f bytes)%n",
                settings.records(), measured.seconds(), measured.rate(), measured.eventSize());
        out.println("  CPU: " + measured.cpu().perRecord(settings.records()));
        return measured;
    }

    /** One round of the file path, and the raw producer's run right after it. */
    private record FileRound(long records, double seconds, double eventSize, CpuTime.Used cpu,
                             RawProducer.Result raw) {

        FileRound against(RawProducer.Result rawRun) {
            return new FileRound(records, seconds, eventSize, cpu, rawRun);
        }

        double rate() {
            return records / seconds;
        }

        /** The file path's records per second over the raw producer's. */
        double ratio() {
            return rate() / raw.recordsPerSecond();
        }
    }

    /**
     * Files through the hub until its JIT has caught up: C2 compiles the hot path while it runs, and on two cores
     * its one compiler thread lags far behind; a path measured while it is still being compiled is not in its
     * steady state (the JIT took 20 % of the hub's CPU in a measured phase after 100,000 warm-up lines).
     */
    private void warmUpFilePath(FileDrop files, CommittedCounter counter, HubProcess hub) throws Exception {
        warmUp("file path", settings.fileWarmup(), settings.linesPerFile(), hub, (round, lines) -> {
            List<String> warm = files.writeFiles("warmup" + round, lines, settings.linesPerFile());
            long before = counter.count(Topics.ASSESSMENT);
            files.markDone(warm);
            counter.awaitCount(Topics.ASSESSMENT, before + lines, Duration.ofSeconds(90), hub::checkAlive);
        });
    }

    /** Rows through the JDBC path until the JIT has caught up (see {@link #warmUpFilePath}); history, before N's. */
    private void warmUpJdbcPath(ExchangeLoader backfill, Instant history, CommittedCounter counter, HubProcess hub)
            throws Exception {
        warmUp("JDBC path", JDBC_WARMUP_ROUND, JDBC_WARMUP_ROUND, hub, (round, rows) -> {
            long before = counter.count(Topics.TRAINING);
            backfill.copyEnrolments((int) rows, history.plus(round, ChronoUnit.SECONDS));
            counter.awaitCount(Topics.TRAINING, before + rows, Duration.ofSeconds(60), hub::checkAlive);
        });
    }

    /** One round of a warm-up: {@code records} records through the hub, awaited. */
    interface WarmUpRound {
        void run(int round, long records) throws Exception;
    }

    /**
     * {@code first} records, then {@code next} at a time until the hub's compiler threads used less than
     * {@code BENCH_JIT_SETTLED} of its CPU during a round, or {@code BENCH_WARMUP_MAX} records have gone through.
     */
    private void warmUp(String path, long first, long next, HubProcess hub, WarmUpRound rounds) throws Exception {
        long records = 0;
        for (int round = 1; records < settings.warmupMax(); round++) {
            long batch = records == 0 ? first : next;
            if (batch <= 0) {
                return;
            }
            double hubBefore = CpuTime.processSeconds(hub.pid());
            double jitBefore = CpuTime.jitSeconds(hub.pid());
            long started = System.nanoTime();
            rounds.run(round, batch);
            double seconds = (System.nanoTime() - started) / 1e9;
            double hubUsed = CpuTime.processSeconds(hub.pid()) - hubBefore;
            double jitShare = hubUsed <= 0 ? 0 : (CpuTime.jitSeconds(hub.pid()) - jitBefore) / hubUsed;
            records += batch;
            out.printf("%s warm-up %d: %,d records at %,.0f records/s, JIT compiling %.0f %% of the hub's CPU"
                    + " (not measured)%n", path, round, batch, batch / seconds, jitShare * 100);
            if (jitShare < settings.jitSettled()) {
                return;
            }
        }
        out.printf("%s warm-up: the JIT had not settled after %,d records; measuring anyway%n", path, records);
    }

    private void bigCsv(FileDrop files, CommittedCounter counter, HubProcess hub, Report report) throws Exception {
        out.printf("big CSV: writing %.2f GB ...%n", settings.bigCsvBytes() / (double) (1L << 30));
        long lines = files.writeBigFile("big.csv", settings.bigCsvBytes());
        long before = counter.count(Topics.ASSESSMENT);
        long dropped = System.nanoTime();
        files.markDone(List.of("big.csv"));
        out.printf("  %,d lines; .done marker dropped, the hub pulls it ...%n", lines);
        // The hub first spools the whole file from the SFTP server and checks it: minutes before the first event.
        long done = counter.awaitCount(Topics.ASSESSMENT, before + lines, Duration.ofSeconds(900), hub::checkAlive);
        report.bigCsvLines = lines;
        report.fileSeconds = (done - dropped) / 1e9;
        report.fileRate = lines / report.fileSeconds;
        report.fileEventSize = counter.averageSize();
        out.printf("  %,d events committed in %.1f s: %,.0f records/s%n", lines, report.fileSeconds, report.fileRate);
    }

    /** The processes whose CPU time each phase reports: the hub (when given) and the broker. */
    private Map<String, Long> processes(HubProcess hub) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (hub != null) {
            pids.put("hub", hub.pid());
        }
        try {
            pids.put("broker", Long.parseLong(Files.readString(settings.workDir().resolve("kafka/broker.pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            out.println("  (no broker.pid: the broker's CPU time is not reported separately)");
        }
        return pids;
    }

    private RawProducer.Result rawProducer(double averageEventSize) throws Exception {
        int size = (int) Math.round(averageEventSize);
        out.printf("raw producer: ProducerPerformance, %,d records of %d bytes, %s ...%n", settings.records(), size,
                HUB_PRODUCER_SETTINGS);
        CpuTime cpu = CpuTime.start(processes(null));
        RawProducer.Result result = runRawProducer(settings.records(), size).withCpu(cpu.stop());
        out.println("  " + result.summary());
        out.println("  CPU: " + result.cpu().perRecord(settings.records()) + " (the producer is the rest of the machine's)");
        return result;
    }

    /**
     * The raw producer's own warm-up, as the hub has one: its first run on a fresh broker also creates its topic's
     * logs and compiles the broker's produce path for it, and ran a quarter slower than the runs after it.
     */
    private void warmUpRawProducer(double averageEventSize) throws Exception {
        long records = Math.min(settings.records(), RAW_WARMUP);
        runRawProducer(records, (int) Math.round(averageEventSize));
        out.printf("raw producer warm-up: %,d records (not measured)%n", records);
    }

    private RawProducer.Result runRawProducer(long records, int size) throws Exception {
        String topic = "bench.raw";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                // As many partitions as the hub's topics.
                admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, Object> producerProps = new LinkedHashMap<>(HUB_PRODUCER_SETTINGS);
        producerProps.put("bootstrap.servers", settings.bootstrapServers());
        return RawProducer.run(settings.repoRoot(), settings.brokerEnv(), topic, records, size, producerProps);
    }

    private void trickle(ExchangeLoader trickle, CommittedCounter counter, Report report) throws Exception {
        out.printf("trickle: %,d rows/s into %s for %d s (poll interval %d ms, delay window %s) ...%n",
                settings.trickleRate(), settings.trickleSchema(), settings.trickleDuration().toSeconds(),
                settings.pollIntervalMs(), settings.trickleDelayWindow());
        report.trickle = Trickle.run(trickle, counter, settings.trickleRate(), settings.trickleDuration());
        out.printf("  p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d of %,d events seen)%n", report.trickle.p50Ms(),
                report.trickle.p99Ms(), report.trickle.maxMs(), report.trickle.seen(), report.trickle.written());
    }

    private void awaitTopics(HubProcess hub, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            Awaitility.await("the hub's topics (see " + hub.log() + ")").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        hub.checkAlive();
                        return admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(List.of(topics));
                    });
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException e) {
            // leave it unknown
        }
        long memGb = Math.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / 1e9);
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memGb + " GB RAM, Java "
                + System.getProperty("java.version");
    }

    /** Every figure of one run, printed together. */
    static final class Report {
        String mode;
        double jdbcSeconds;
        double jdbcRate;
        double jdbcEventSize;
        double fileSeconds;
        double fileRate;
        double fileEventSize;
        long bigCsvLines;
        CpuTime.Used jdbcCpu;
        CpuTime.Used fileCpu;
        RawProducer.Result rawForJdbc;
        RawProducer.Result rawForFiles;
        List<Double> fileRatios = List.of();
        Trickle.Result trickle;
        long rejected;
        Properties memory = new Properties();
        String loadAtStart;
        String loadAfterJdbc = "-";
        String loadAfterFiles = "-";
        String loadAfterRaw = "-";
        String loadAtEnd;

        void print(PrintStream out, Settings settings) {
            out.println();
            out.println("=== skills-hub benchmark results (" + mode + ") ===");
            out.println("machine:        " + machine());
            if (mode.equals("bigcsv")) {
                out.printf("load average:   %s at start, %s at end (1/5/15 min)%n", loadAtStart, loadAtEnd);
                out.printf("big CSV:        %.2f GB, %,d lines: %,.0f records/s (%.1f s) with the hub at -Xmx%s%n",
                        settings.bigCsvBytes() / (double) (1L << 30), bigCsvLines, fileRate, fileSeconds,
                        settings.hubHeap());
            } else {
                out.printf("load average:   %s at start, %s after files, %s after JDBC, %s after raw, %s at end"
                        + " (1/5/15 min)%n", loadAtStart, loadAfterFiles, loadAfterJdbc, loadAfterRaw, loadAtEnd);
                out.printf("records:        %,d per path%n", settings.records());
                if (jdbcRate > 0) {
                    out.printf("JDBC path:      %,10.0f records/s (%.2f s, events of %.0f bytes incl. key and"
                            + " headers); target >= 30,000: %s%n", jdbcRate, jdbcSeconds, jdbcEventSize,
                            met(jdbcRate >= 30_000));
                }
                if (rawForJdbc != null) {
                    out.printf("  raw producer: %,10.0f records/s (%.1f MB/s) of %.0f bytes; ratio JDBC/raw %.2f%n",
                            rawForJdbc.recordsPerSecond(), rawForJdbc.mbPerSecond(), jdbcEventSize,
                            jdbcRate / rawForJdbc.recordsPerSecond());
                }
                printCpu(out, "JDBC path", jdbcCpu, rawForJdbc, settings.records());
                if (fileRate > 0) {
                    double ratio = rawForFiles == null ? 0 : fileRate / rawForFiles.recordsPerSecond();
                    out.printf("file path:      %,10.0f records/s (%.2f s, events of %.0f bytes)%n", fileRate,
                            fileSeconds, fileEventSize);
                    if (rawForFiles != null) {
                        out.printf("  raw producer: %,10.0f records/s (%.1f MB/s) of %.0f bytes; ratio file/raw %.2f;"
                                        + " target >= 0.5: %s%n", rawForFiles.recordsPerSecond(),
                                rawForFiles.mbPerSecond(), fileEventSize, ratio, met(ratio >= 0.5));
                    }
                    if (fileRatios.size() > 1) {
                        out.printf("  rounds:       file/raw %s (file path, then the raw producer, %d times; the"
                                        + " round of median ratio above)%n",
                                fileRatios.stream().map(r -> String.format("%.2f", r)).toList(), fileRatios.size());
                    }
                    printCpu(out, "file path", fileCpu, rawForFiles, settings.records());
                }
                if (trickle != null) {
                    long target = settings.pollIntervalMs() + 250L;
                    out.printf("trickle:        %,d rows/s for %d s, delay window %s: p50 %.0f ms, p99 %.0f ms,"
                                    + " max %.0f ms (%,d/%,d seen); target p99 <= poll interval %d + 250 = %d ms: %s%n",
                            trickle.ratePerSecond(), trickle.duration().toSeconds(), settings.trickleDelayWindow(),
                            trickle.p50Ms(), trickle.p99Ms(), trickle.maxMs(), trickle.seen(), trickle.written(),
                            settings.pollIntervalMs(), target, met(trickle.p99Ms() <= target));
                }
            }
            out.printf("hub memory:     peak heap used %s MB (sampled every 100 ms), peak live after GC %s MB,"
                            + " heap committed %s MB of max %s MB; peak RSS %s MB%n",
                    mb(memory, "peakHeapUsed"),
                    "0".equals(mb(memory, "peakLiveAfterGc")) ? "n/a (no old-generation collection)"
                            : mb(memory, "peakLiveAfterGc"), mb(memory, "peakHeapCommitted"),
                    mb(memory, "maxHeap"), kbToMb(memory, "peakRssKb"));
            out.printf("rejects:        %,d (all source records are valid: expected 0)%n", rejected);
        }

        private static void printCpu(PrintStream out, String path, CpuTime.Used hub, RawProducer.Result raw,
                                     long records) {
            if (hub != null) {
                out.printf("  CPU, %-9s %s%n", path + ":", hub.perRecord(records));
            }
            if (raw != null && raw.cpu() != null) {
                out.printf("  CPU, raw:      %s%n", raw.cpu().perRecord(records));
            }
        }

        private static String met(boolean met) {
            return met ? "MET" : "NOT MET";
        }

        private static String mb(Properties p, String key) {
            String v = p.getProperty(key);
            return v == null ? "?" : Long.toString(Long.parseLong(v) / (1024 * 1024));
        }

        private static String kbToMb(Properties p, String key) {
            String v = p.getProperty(key);
            return v == null ? "?" : Long.toString(Long.parseLong(v) / 1024);
        }
    }
}
