package cn.henan.skillshub.cluster;

import static cn.henan.skillshub.cluster.ClusterTestParts.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Three hub instances as real processes against one broker and the real PostgreSQL: 20,000 enrolments (one in
 * forty bad, of eleven kinds) written while the leader of the source is killed with {@code kill -9}, twice. A
 * {@code read_committed} subscriber then sees every row exactly once — as an event or as a reject — and another
 * instance took over after each kill. A fourth instance, started meanwhile with another person-key secret, is
 * refused at start with a message that names the setting and not the secret. At the first kill the source is
 * paused (through a follower) and the leader killed while it is paused: the instance that takes over keeps it
 * paused and commits nothing until a resume, sent through the third instance, is applied. The failover times are
 * printed, not asserted: on a loaded machine they are a figure of {@code kafka/chaos.sh}, not a test's limit.
 */
class ClusterFailoverIntegrationTests {

    private static EmbeddedKafkaKraftBroker broker;

    /** Kept after the run: each instance's log is there. */
    private final Path workDir = Path.of("target", "cluster-failover").toAbsolutePath();

    @BeforeAll
    static void startBroker() {
        broker = ClusterTestParts.startBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void theLeaderKilledTwiceAnotherInstanceTakesOverAndEveryRowIsSeenExactlyOnce() throws Exception {
        ClusterRun.Settings settings = new ClusterRun.Settings(workDir, broker.getBrokersAsString(),
                env("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                env("SPRING_DATASOURCE_USERNAME", "postgres"), env("SPRING_DATASOURCE_PASSWORD", ""),
                "cluster_exchange", 3, 20_000, 40, 800, 2, false, "384m", null, -1, 20261202L, true, null, 0, true);
        ClusterRun.Result result = new ClusterRun(settings, System.out).run();
        System.out.println(result.tally() + "; failovers " + result.failovers() + "; run " + result.total());

        assertThat(result.tally().lost()).as("rows lost").isZero();
        assertThat(result.tally().duplicated()).as("rows seen twice").isZero();
        assertThat(result.tally().goodRejected()).as("good rows rejected").isZero();
        assertThat(result.tally().badPublished()).as("bad rows published").isZero();
        assertThat(result.tally().events() + result.tally().rejects()).isEqualTo(result.tally().rows());
        assertThat(result.tally().rejects()).isEqualTo(20_000 / 40);
        assertThat(result.failovers()).hasSize(2).allSatisfy(failover -> {
            assertThat(failover.tookOver()).isNotEqualTo(failover.killed());
            assertThat(failover.killToNextCommit()).isPositive().isLessThan(Duration.ofMinutes(2));
        });
        assertThat(result.leadersSeenByFollower()).as("a follower's GET /api/v1/sources names the leader")
                .hasEntrySatisfying(ClusterRun.SOURCE, seen -> assertThat(seen)
                        .matches("hub-[abc] \\(running, here standby\\)"));
        ClusterRun.PauseAcrossFailover pause = result.pause();
        assertThat(pause).as("the pause-across-failover step ran").isNotNull();
        assertThat(pause.accepted()).as("a pause sent to a follower is accepted for the leader").isEqualTo(202);
        assertThat(pause.appliedBy()).as("applied by the leader").isEqualTo(pause.leader());
        assertThat(pause.heldBy()).as("the instance that took over").isNotEqualTo(pause.leader());
        assertThat(pause.stateSeen()).as("the third instance sees it paused").isEqualTo("paused");
        assertThat(pause.leaderSeen()).as("led by the instance that took over").isEqualTo(pause.heldBy());
        assertThat(pause.resumedBy()).as("a resume sent to the third instance, applied by the new leader")
                .isEqualTo(pause.heldBy());
        assertThat(pause.firstCommitAfterPause()).as("nothing committed between the pause and the resume")
                .isAfter(pause.resumedAt());
        assertThat(result.intruderRefusal()).as("an instance with another person-key secret is refused")
                .contains("person-key secret (skillshub.person.key-secret) differs").doesNotContain("another-secret");
    }
}
