package cn.henan.skillshub.cluster;

import static cn.henan.skillshub.cluster.ClusterTestParts.env;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The leaderships spread, as real processes: three hub instances started one after the other on one cluster
 * directory, six jdbc-keyset-poll sources (each over a sixth of the run's enrolment feed), rows written throughout.
 * The first instance leads all six at first; with {@code skillshub.cluster.rebalance-after} at 10 s it hands to each
 * later instance the sources the cluster prefers there, until each leads 2 ± 1, as a follower's
 * {@code GET /api/v1/sources} shows. Then the instance leading most is killed with {@code kill -9}: every source it
 * led is taken over and commits again. A {@code read_committed} subscriber sees every row exactly once. The times
 * (spread reached, failover) are printed, not asserted.
 */
class ClusterBalanceIntegrationTests {

    private static final List<String> SOURCES = List.of("balance.feed1", "balance.feed2", "balance.feed3",
            "balance.feed4", "balance.feed5", "balance.feed6");
    private static final String SCHEMA = "cluster_balance";

    private static EmbeddedKafkaKraftBroker broker;

    private final Path workDir = Path.of("target", "cluster-balance").toAbsolutePath();
    private final List<HubInstance> instances = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = ClusterTestParts.startBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void leadershipsSpreadOverThreeInstancesAndAKilledOnesSourcesAreTakenOverWithEveryRowOnce() throws Exception {
        String jdbcUrl = env("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("SPRING_DATASOURCE_USERNAME", "postgres");
        String password = env("SPRING_DATASOURCE_PASSWORD", "");
        Path clusterDir = Files.createDirectories(workDir.resolve("cluster-locks"));
        try (var paths = Files.list(clusterDir)) {
            for (Path p : paths.toList()) {
                Files.delete(p);
            }
        }
        DeliveryCount count = null;
        try (ExchangeRows rows = new ExchangeRows(jdbcUrl, user, password, SCHEMA, 20261203L)) {
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
                for (int k = 1; k <= SOURCES.size(); k++) {
                    s.execute("CREATE VIEW " + SCHEMA + ".balance_feed_" + k + " AS SELECT * FROM " + SCHEMA
                            + ".hub_enrolment_feed WHERE id % " + SOURCES.size() + " = " + (k - 1));
                }
            }
            // Rows keep coming throughout, 20 to 40 every 100 ms, so every hand-back and the failover have rows to commit.
            AtomicReference<Exception> writeFailed = new AtomicReference<>();
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "balance-writer");
                thread.setDaemon(true); // a failed run must not leave it writing
                return thread;
            });
            writer.scheduleWithFixedDelay(() -> {
                try {
                    rows.write(20, 40);
                } catch (Exception e) {
                    writeFailed.compareAndSet(null, e);
                    throw new IllegalStateException(e);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);

            long t0 = System.nanoTime();
            HubInstance a = start("hub-a", clusterDir);
            await(Duration.ofMinutes(4)).until(() -> leaders(a).values().stream().filter("hub-a"::equals).count()
                    == SOURCES.size());
            System.out.printf("hub-a leads all %d sources (%.1f s)%n", SOURCES.size(), seconds(t0));
            // Only now: the hub has created the topics, whose partitions the subscriber assigns itself (from the
            // beginning, so the rows already published are counted too).
            count = new DeliveryCount(broker.getBrokersAsString());
            DeliveryCount counted = count;
            HubInstance b = start("hub-b", clusterDir);
            await(Duration.ofMinutes(4)).until(b::answers);
            HubInstance c = start("hub-c", clusterDir);
            await(Duration.ofMinutes(4)).until(c::answers);
            long cUp = System.nanoTime();
            System.out.printf("hub-b and hub-c up (%.1f s); waiting for the spread%n", seconds(t0));

            Map<String, String> spread = await(Duration.ofMinutes(4)).until(() -> leaders(b), this::spreadOut);
            System.out.printf("spread as hub-b shows it %.1f s after hub-c answered: %s%n", seconds(cUp),
                    new TreeMap<>(spread));
            assertThat(perInstance(spread)).as("sources led per instance").hasSize(3)
                    .allSatisfy((instance, led) -> assertThat(led).isBetween(1L, 3L));
            assertThat(a.logLine("handing it to")).as("hub-a handed sources back").isPresent();

            Map<String, Long> per = perInstance(spread);
            String victimName = per.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            HubInstance victim = instances.stream().filter(i -> i.name().equals(victimName)).findFirst().orElseThrow();
            List<String> itsSources = spread.entrySet().stream().filter(e -> e.getValue().equals(victimName))
                    .map(Map.Entry::getKey).toList();
            HubInstance follower = instances.stream().filter(i -> i != victim).findFirst().orElseThrow();
            Instant killedAt = Instant.now();
            victim.kill();
            instances.remove(victim);
            System.out.printf("kill -9 of %s, the leader of %s, at %s%n", victimName, itsSources, killedAt);
            Map<String, Duration> failover = new LinkedHashMap<>();
            for (String source : itsSources) {
                DeliveryCount.Commit next = await(Duration.ofMinutes(2)).until(
                        () -> counted.firstCommitAfter(source, killedAt), Optional::isPresent).orElseThrow();
                failover.put(source, Duration.between(killedAt, next.seenAt()));
            }
            Map<String, String> after = await(Duration.ofMinutes(1)).until(() -> leaders(follower),
                    seen -> itsSources.stream().allMatch(s -> seen.containsKey(s) && !seen.get(s).equals(victimName)));
            System.out.printf("  taken over: %s; kill to next commit %s%n", new TreeMap<>(after), failover);
            assertThat(itsSources).allSatisfy(s -> assertThat(after.get(s)).isNotEqualTo(victimName)
                    .isIn(instances.stream().map(HubInstance::name).toList()));

            writer.shutdown();
            assertThat(writer.awaitTermination(1, TimeUnit.MINUTES)).as("the writer stopped").isTrue();
            assertThat(writeFailed.get()).as("writing rows").isNull();
            long total = rows.good() + rows.bad();
            await(Duration.ofMinutes(3)).until(() -> counted.rowsSeen() >= total);
            await(Duration.ofMinutes(1)).until(() -> SOURCES.stream().mapToLong(counted::recordsCommitted).sum() >= total);
            DeliveryCount.Tally tally = count.tally(rows.good(), rows.bad());
            System.out.printf("%s; run %.1f s%n", tally, seconds(t0));
            assertThat(tally.lost()).as("rows lost").isZero();
            assertThat(tally.duplicated()).as("rows seen twice").isZero();
            assertThat(tally.goodRejected()).as("good rows rejected").isZero();
            assertThat(tally.badPublished()).as("bad rows published").isZero();
            assertThat(tally.events() + tally.rejects()).isEqualTo(tally.rows());
        } finally {
            for (HubInstance instance : instances) {
                instance.close();
            }
            if (count != null) {
                count.close();
            }
        }
    }

    private HubInstance start(String name, Path clusterDir) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("skillshub.cluster.directory", clusterDir.toString());
        props.put("skillshub.cluster.rebalance-after", "10s");
        props.put("camel.main.routes-include-pattern", "classpath:cluster/balance-routes.yaml");
        props.put("skillshub.sources.realname.jdbc.url", env("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
        props.put("skillshub.sources.realname.jdbc.username", env("SPRING_DATASOURCE_USERNAME", "postgres"));
        props.put("skillshub.sources.realname.jdbc.password", env("SPRING_DATASOURCE_PASSWORD", ""));
        props.put("skillshub.sources.realname.schema", SCHEMA);
        props.put("skillshub.cluster-run.schema", SCHEMA);
        props.put("spring.datasource.url", env("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
        props.put("spring.datasource.username", env("SPRING_DATASOURCE_USERNAME", "postgres"));
        props.put("spring.datasource.password", env("SPRING_DATASOURCE_PASSWORD", ""));
        props.put("logging.level.balance", "INFO");
        HubInstance instance = HubInstance.start(name, workDir, "384m", props, broker.getBrokersAsString());
        instances.add(instance);
        return instance;
    }

    /** Source → leader, as the instance's {@code GET /api/v1/sources} shows it, for the sources shown running. */
    private static Map<String, String> leaders(HubInstance instance) {
        Map<String, String> seen = new LinkedHashMap<>();
        instance.sources().ifPresent(all -> {
            for (JsonNode source : all) {
                String id = source.path("id").asText();
                if (SOURCES.contains(id) && "running".equals(source.path("state").asText())
                        && !source.path("leader").isNull()) {
                    seen.put(id, source.path("leader").asText());
                }
            }
        });
        return seen;
    }

    /** Every source running and led by one of three instances, each leading 2 ± 1. */
    private boolean spreadOut(Map<String, String> seen) {
        Map<String, Long> per = perInstance(seen);
        return seen.size() == SOURCES.size() && per.size() == 3
                && per.values().stream().allMatch(n -> n >= 1 && n <= 3);
    }

    private static Map<String, Long> perInstance(Map<String, String> seen) {
        Map<String, Long> per = new TreeMap<>();
        seen.values().forEach(leader -> per.merge(leader, 1L, Long::sum));
        return per;
    }

    private ConditionFactory await(Duration limit) {
        return Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .failFast("a hub instance exited (its log is in " + workDir + ")",
                        () -> instances.stream().anyMatch(i -> !i.alive()));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
