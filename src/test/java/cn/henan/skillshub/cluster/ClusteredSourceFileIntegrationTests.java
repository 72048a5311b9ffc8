package cn.henan.skillshub.cluster;

import static cn.henan.skillshub.cluster.ClusterTestParts.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A source handed in through the API of one instance of a cluster (two hub processes, one file-lock cluster
 * directory, one broker, the real PostgreSQL): it is stored in the hub's database, both instances apply it, the
 * cluster service gives it one leader, the other stands by; the leader killed with {@code kill -9}, the other takes
 * over, and a {@code read_committed} subscriber sees every row exactly once. Removed through the API, it is gone
 * from both.
 */
class ClusteredSourceFileIntegrationTests {

    private static final String SOURCE = "cluster.api-enrolments";
    private static final String SCHEMA = "cluster_api_exchange";
    private static EmbeddedKafkaKraftBroker broker;

    private final Path workDir = Path.of("target", "cluster-source-file").toAbsolutePath();

    @BeforeAll
    static void startBroker() {
        broker = ClusterTestParts.startBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void aFileHandedToOneInstanceRunsOnOneLeaderAndMovesWithTheLeadership() throws Exception {
        String url = env("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("SPRING_DATASOURCE_USERNAME", "postgres");
        String password = env("SPRING_DATASOURCE_PASSWORD", "");
        Path clusterDir = Files.createDirectories(workDir.resolve("cluster"));
        Path routes = Files.createDirectories(workDir.resolve("routes"));
        String yaml = new String(getClass().getResourceAsStream("/cluster/cluster-routes.yaml").readAllBytes(),
                StandardCharsets.UTF_8).replace("cluster.enrolments", SOURCE);
        Map<String, String> properties = Map.ofEntries(
                Map.entry("skillshub.cluster.directory", clusterDir.toString()),
                // No route file of its own: the one source comes through the API.
                Map.entry("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml"),
                Map.entry("skillshub.sources.realname.jdbc.url", url),
                Map.entry("skillshub.sources.realname.jdbc.username", user),
                Map.entry("skillshub.sources.realname.jdbc.password", password),
                Map.entry("skillshub.sources.realname.schema", SCHEMA),
                Map.entry("skillshub.cluster-run.schema", SCHEMA),
                Map.entry("spring.datasource.url", url),
                Map.entry("spring.datasource.username", user),
                Map.entry("spring.datasource.password", password));
        forget(url, user, password);
        try (ExchangeRows rows = new ExchangeRows(url, user, password, SCHEMA, 20261216L);
             HubInstance a = HubInstance.start("hub-a", workDir, "384m", properties, broker.getBrokersAsString());
             HubInstance b = HubInstance.start("hub-b", workDir, "384m", properties, broker.getBrokersAsString())) {
            rows.write(1_000, 0);
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                a.checkAlive();
                b.checkAlive();
                return a.answers() && b.answers();
            });
            // Once the instances have made the topics: a counter started earlier would find no partitions.
            DeliveryCount count = new DeliveryCount(broker.getBrokersAsString());

            HttpResponse<String> put = a.call("PUT", "/api/v1/sources/" + SOURCE,
                    "{\"file\": " + TextNode.valueOf(yaml) + "}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(put.body()).contains("\"file\":\"api:" + SOURCE + "\"");

            // Both instances apply it; one leads, the other stands by.
            await().atMost(Duration.ofMinutes(2)).until(() -> states(a, b).containsAll(List.of("running", "standby")));
            HubInstance leader = a.state(SOURCE).filter("running"::equals).isPresent() ? a : b;
            HubInstance follower = leader == a ? b : a;
            await().atMost(Duration.ofMinutes(2)).until(() -> count.rowsSeen() >= 1_000);

            rows.write(1_000, 0);
            await().atMost(Duration.ofMinutes(2)).until(() -> count.rowsSeen() > 1_000);
            leader.kill();
            await().atMost(Duration.ofMinutes(2)).until(() -> follower.state(SOURCE).filter("running"::equals)
                    .isPresent());
            rows.write(1_000, 0);
            await().atMost(Duration.ofMinutes(3)).until(() -> count.rowsSeen() >= rows.good());

            DeliveryCount.Tally tally = count.tally(rows.good(), rows.bad());
            System.out.println(tally);
            assertThat(tally.lost()).as("rows lost").isZero();
            assertThat(tally.duplicated()).as("rows seen twice").isZero();
            assertThat(tally.events()).isEqualTo(3_000);

            assertThat(follower.call("DELETE", "/api/v1/sources/" + SOURCE, null).statusCode()).isEqualTo(204);
            assertThat(follower.sourceJson(SOURCE)).isEmpty();
            count.close();
        } finally {
            forget(url, user, password);
        }
    }

    private static List<String> states(HubInstance... instances) {
        return java.util.Arrays.stream(instances).map(i -> i.state(SOURCE)).flatMap(Optional::stream).toList();
    }

    /** The stored file outlives the run otherwise: the next run's instances would start with it. */
    private static void forget(String url, String user, String password) throws Exception {
        try (var connection = DriverManager.getConnection(url, user, password.isEmpty() ? null : password);
             var statement = connection.prepareStatement("DELETE FROM sources.route_file WHERE source_id = ?")) {
            statement.setString(1, SOURCE);
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            // No table yet (a database the hub never migrated): nothing stored.
        }
    }
}
