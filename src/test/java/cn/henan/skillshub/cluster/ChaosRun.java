package cn.henan.skillshub.cluster;

import static cn.henan.skillshub.cluster.ClusterTestParts.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The driver of {@code kafka/chaos.sh}: a longer {@link ClusterRun} against the standalone broker the script
 * starts — three hub instances, 100,000 enrolments with bad rows of eleven kinds, CSV files in an SFTP inbox, five
 * {@code kill -9} of the leader (each killed instance started again), one {@code kill -9} of the broker with a
 * restart — then the figures: lost, duplicated, good rows rejected, bad rows published, rows = events + rejects,
 * and each failover's time from the kill to the next commit. Exits 1 when anything was lost or duplicated.
 *
 * <p>Settings from the environment (see kafka/chaos.sh).
 */
public final class ChaosRun {

    private ChaosRun() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(env("CHAOS_REPO_ROOT", ".")).toAbsolutePath().normalize();
        Path workDir = repo.resolve(env("CHAOS_DATA_DIR", "data/chaos"));
        Path brokerData = Path.of(env("KAFKA_DATA_DIR", workDir.resolve("kafka").toString()));
        ClusterRun.BrokerControl broker = new ClusterRun.BrokerControl() {
            @Override
            public void kill() throws IOException {
                long pid = Long.parseLong(Files.readString(brokerData.resolve("broker.pid")).strip());
                ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
                handle.destroyForcibly();
                handle.onExit().join();
            }

            @Override
            public void restart() throws Exception {
                Process start = new ProcessBuilder("bash", repo.resolve("kafka/broker.sh").toString(), "start")
                        .inheritIO().start();
                if (!start.waitFor(3, TimeUnit.MINUTES) || start.exitValue() != 0) {
                    throw new IllegalStateException("the broker did not start again");
                }
            }
        };
        int rows = Integer.parseInt(env("CHAOS_ROWS", "100000"));
        int kills = Integer.parseInt(env("CHAOS_KILLS", "5"));
        ClusterRun.Settings settings = new ClusterRun.Settings(workDir, env("CHAOS_BOOTSTRAP", "127.0.0.1:29192"),
                env("CHAOS_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test"), env("CHAOS_JDBC_USER", "postgres"),
                env("CHAOS_JDBC_PASSWORD", ""), env("CHAOS_SCHEMA", "chaos_exchange"),
                Integer.parseInt(env("CHAOS_INSTANCES", "3")), rows, Integer.parseInt(env("CHAOS_BAD_EVERY", "50")),
                Integer.parseInt(env("CHAOS_RATE", "1000")), kills, true, env("CHAOS_HUB_HEAP", "384m"),
                env("CHAOS_BROKER_KILL", "yes").equals("yes") ? broker : null, Math.min(2, kills), 20261202L, false,
                "classpath:cluster/chaos-routes.yaml", Integer.parseInt(env("CHAOS_FILE_LINES", "5000")),
                false);
        System.out.printf("skills-hub chaos run: %,d rows (1 in %s bad), %s hub instances, %d kills of the leader,"
                        + " broker kill: %s; logs in %s%n", rows, env("CHAOS_BAD_EVERY", "50"),
                env("CHAOS_INSTANCES", "3"), kills, settings.broker() != null ? "yes" : "no", workDir);
        ClusterRun.Result result = new ClusterRun(settings, System.out).run();

        DeliveryCount.Tally t = result.tally();
        System.out.println();
        System.out.println("== result");
        System.out.printf("rows written        %,d%n", t.rows());
        System.out.printf("events              %,d%n", t.events());
        System.out.printf("rejects             %,d%n", t.rejects());
        System.out.printf("rows = events + rejects: %s%n", t.rows() == t.events() + t.rejects() ? "yes" : "NO");
        System.out.printf("lost                %d%n", t.lost());
        System.out.printf("duplicated          %d%n", t.duplicated());
        System.out.printf("good rows rejected  %d%n", t.goodRejected());
        System.out.printf("bad rows published  %d%n", t.badPublished());
        if (result.files() != null) {
            System.out.printf("CSV lines           %,d written, %,d seen, %d lost, %d duplicated%n",
                    result.files().lines(), result.files().seen(), result.files().lines() - result.files().seen(),
                    result.files().duplicated());
        }
        int i = 1;
        for (ClusterRun.Failover f : result.failovers()) {
            System.out.printf("failover %d: %s killed, %s took over, kill to next commit %.1f s%n", i++, f.killed(),
                    f.tookOver(), f.killToNextCommit().toMillis() / 1000.0);
        }
        if (result.brokerOutage() != null) {
            System.out.printf("broker kill -9 and restart: kill to next commit %.1f s%n",
                    result.brokerOutage().toMillis() / 1000.0);
            System.out.println("state while the broker was away: " + result.stateDuringBrokerOutage());
        }
        System.out.printf("run took %d s%n", result.total().toSeconds());
        boolean ok = t.lost() == 0 && t.duplicated() == 0 && t.goodRejected() == 0 && t.badPublished() == 0
                && t.rows() == t.events() + t.rejects()
                && (result.files() == null || result.files().seen() == result.files().lines()
                && result.files().duplicated() == 0)
                && result.failovers().stream()
                        .allMatch(f -> f.killToNextCommit().compareTo(Duration.ofSeconds(15)) <= 0);
        System.out.println(ok ? "OK: 0 lost, 0 duplicated, every failover within 15 s"
                : "NOT OK: see the figures above");
        System.exit(ok ? 0 : 1);
    }
}
