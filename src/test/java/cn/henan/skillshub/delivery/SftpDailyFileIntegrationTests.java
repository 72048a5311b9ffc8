package cn.henan.skillshub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.simulator.sftp.SftpSimulatorServer;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code sftp-daily-file} template end to end: subsidy decisions on the decisions topic → a route of the
 * template (camel-kafka, manual commit, camel-jackson) → rows in the hub's database → one GB18030 CSV per city and
 * day on a real SFTP server (MINA SSHD in this JVM), with its {@code .done} marker. The test's decisions are of two
 * city codes of its own (the subscriber's {@code cities}), so other tests' decisions on the topic are not in them.
 */
@HubIntegrationTest
class SftpDailyFileIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Charset GB18030 = Charset.forName("GB18030");
    /** An ID number's shape: 17 digits and a digit or X. */
    private static final java.util.regex.Pattern ID_NUMBER = java.util.regex.Pattern.compile("\\d{17}[\\dX]");

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    private final List<String> routes = new ArrayList<>();
    private SftpSimulatorServer server;

    @AfterEach
    void removeRoutes() throws Exception {
        for (String routeId : routes) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aCitysDayIsOneCsvWithItsDoneMarker_aLateDecisionRewritesIt_anOutageOrARereadLosesAndDuplicatesNothing()
            throws Exception {
        server = sftpServer(0);
        String cityA = city();
        String cityB = city();
        String subscriber = "test-files-" + UUID.randomUUID().toString().substring(0, 8);
        addRoute(subscriber, server.port(), cityA + "," + cityB);
        LocalDate yesterday = LocalDate.now(SHANGHAI).minusDays(1);
        LocalDate today = LocalDate.now(SHANGHAI);
        OffsetDateTime yesterdayNoon = yesterday.atTime(12, 0).atZone(SHANGHAI).toOffsetDateTime();
        OffsetDateTime todayEarly = today.atTime(0, 5).atZone(SHANGHAI).toOffsetDateTime();

        List<CanonicalEvent> dayA = new ArrayList<>();
        try (DecisionEvents decisions = new DecisionEvents(bootstrapServers)) {
            long claim = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
            for (int i = 0; i < 5; i++) {
                dayA.add(institutionDecision(claim + i, cityA, yesterdayNoon.plusMinutes(i)));
            }
            List<CanonicalEvent> dayB = List.of(institutionDecision(claim + 10, cityB, yesterdayNoon),
                    institutionDecision(claim + 11, cityB, yesterdayNoon.plusHours(1)));
            CanonicalEvent todayA = institutionDecision(claim + 20, cityA, todayEarly);
            Stream.concat(Stream.concat(dayA.stream(), dayB.stream()), Stream.of(todayA)).forEach(decisions::publish);

            Path outbox = server.root().resolve("outbox");
            String fileA = "decisions-" + cityA + "-" + basic(yesterday) + ".csv";
            String fileB = "decisions-" + cityB + "-" + basic(yesterday) + ".csv";
            String fileToday = "decisions-" + cityA + "-" + basic(today) + ".csv";
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                // The marker comes with the whole day only (never with a file still filling up).
                if (Files.exists(outbox.resolve(fileA + ".done"))) {
                    assertThat(marker(outbox.resolve(fileA + ".done"))).isEqualTo("file=" + fileA + "\nrows=5\nsha256="
                            + sha256(outbox.resolve(fileA)) + "\n");
                }
                assertThat(rows(outbox.resolve(fileA))).hasSize(5);
                assertThat(marker(outbox.resolve(fileA + ".done"))).contains("rows=5");
                assertThat(rows(outbox.resolve(fileB))).hasSize(2);
                assertThat(outbox.resolve(fileB + ".done")).exists();
                assertThat(rows(outbox.resolve(fileToday))).hasSize(1);
            });
            // The day that is not over yet has its file so far, and no marker.
            assertThat(outbox.resolve(fileToday + ".done")).doesNotExist();
            List<CSVRecord> a = rows(outbox.resolve(fileA));
            assertThat(a.stream().map(r -> r.get("ce_id")).toList())
                    .isEqualTo(dayA.stream().map(CanonicalEvent::id).toList());
            assertThat(a.get(0).get("payee")).isEqualTo("郑州䶮数字技能培训学校");
            assertThat(a.get(0).get("city_code")).isEqualTo(cityA);
            assertThat(a.get(0).get("person_key")).isEqualTo(dayA.get(0).key());
            assertThat(marker(outbox.resolve(fileA + ".done"))).contains("sha256=" + sha256(outbox.resolve(fileA)));
            for (Path file : Files.list(outbox).toList()) {
                assertThat(ID_NUMBER.matcher(Files.readString(file, GB18030)).find()).as(file.toString()).isFalse();
            }

            // A decision of the closed day that comes late: the day's file is written again, whole, and so is its
            // marker; still one file for the day.
            CanonicalEvent late = institutionDecision(claim + 5, cityA, yesterdayNoon.plusHours(5));
            decisions.publish(late);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(rows(outbox.resolve(fileA))).hasSize(6);
                assertThat(marker(outbox.resolve(fileA + ".done"))).contains("rows=6");
            });

            // The subscriber's server is down: the decision is stored, its file waits; the server is back, the file
            // is written. A decision read again (published twice, or after a restart) is one row.
            int sftpPort = server.port();
            server.stop();
            CanonicalEvent duringOutage = institutionDecision(claim + 6, cityA, yesterdayNoon.plusHours(6));
            decisions.publish(duringOutage);
            await().atMost(Duration.ofSeconds(60)).until(() -> storedRows(subscriber, cityA, yesterday) == 7);
            await().atMost(Duration.ofSeconds(60)).until(() -> metric(subscriber, "failed") > 0);
            decisions.publish(dayA.get(0));
            camel.getRouteController().stopRoute(routes.get(0));
            camel.getRouteController().startRoute(routes.get(0));
            server = sftpServer(sftpPort);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(rows(outbox.resolve(fileA))).hasSize(7);
                assertThat(marker(outbox.resolve(fileA + ".done"))).contains("rows=7");
            });
            assertThat(rows(outbox.resolve(fileA)).stream().map(r -> r.get("ce_id")).distinct()).hasSize(7);
            assertThat(storedRows(subscriber, cityA, yesterday)).isEqualTo(7);
            try (Stream<Path> files = Files.list(outbox)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.contains(cityA)).sorted())
                        .containsExactly(fileA, fileA + ".done", fileToday);
            }
        }
    }

    @Test
    void aFileSubscriberWithoutPasswordOrOnAnotherTopicIsRefusedWithAClearMessage() {
        server = sftpServer(0);
        assertThatThrownBy(() -> TemplatedRouteBuilder.builder(camel, SftpDailyFileTemplate.TEMPLATE)
                .routeId("delivery.no-password").parameter("subscriberId", "no-password")
                .parameter("groupId", "skills-hub-delivery-no-password").parameter("host", "127.0.0.1")
                .parameter("username", "bureau").parameter("password", "")
                .parameter("knownHostsFile", server.knownHostsFile().toString()).add())
                .hasStackTraceContaining("subscriber no-password: parameter password (or privateKeyFile) is missing");
        assertThatThrownBy(() -> TemplatedRouteBuilder.builder(camel, SftpDailyFileTemplate.TEMPLATE)
                .routeId("delivery.wrong-topic").parameter("subscriberId", "wrong-topic")
                .parameter("topic", Topics.TRAINING)
                .parameter("groupId", "skills-hub-delivery-wrong-topic").parameter("host", "127.0.0.1")
                .parameter("username", "bureau").parameter("password", "x")
                .parameter("knownHostsFile", server.knownHostsFile().toString()).add())
                .hasStackTraceContaining("subscriber wrong-topic: template sftp-daily-file writes subsidy decisions");
    }

    private SftpSimulatorServer sftpServer(int port) {
        SftpSimulatorServer s = new SftpSimulatorServer("127.0.0.1", port, dir.resolve("root"), dir.resolve("state"),
                "bureau", "test-bureau-password", List.of("127.0.0.1"));
        s.start();
        return s;
    }

    private void addRoute(String subscriber, int sftpPort, String cities) throws Exception {
        String routeId = "delivery." + subscriber;
        TemplatedRouteBuilder.builder(camel, SftpDailyFileTemplate.TEMPLATE).routeId(routeId)
                .parameter("subscriberId", subscriber)
                .parameter("groupId", "skills-hub-delivery-" + subscriber)
                .parameter("host", "127.0.0.1")
                .parameter("port", Integer.toString(sftpPort))
                .parameter("username", "bureau")
                .parameter("password", "test-bureau-password")
                .parameter("knownHostsFile", server.knownHostsFile().toString())
                .parameter("directory", "outbox")
                .parameter("charset", "GB18030")
                .parameter("cities", cities)
                .parameter("closeAfter", "PT0S")
                .parameter("writeIntervalMs", "300")
                .add();
        routes.add(routeId);
    }

    /** A decision paid to an institution whose name is outside GBK (䶮): GB18030 must carry it. */
    private static CanonicalEvent institutionDecision(long claimId, String city, OffsetDateTime at) {
        CanonicalEvent event = DecisionEvents.decision(claimId, "pk-" + UUID.randomUUID().toString().replace("-", ""),
                city, at, 1500);
        SubsidyDecided d = (SubsidyDecided) event.data();
        SubsidyDecided paidToInstitution = new SubsidyDecided(d.claimId(), d.decision(), d.reasonCodes(),
                d.personKey(), d.occupationCode(), d.level(), d.enrolmentNo(), d.trainingCertificateNo(),
                d.levelCertificateNo(), d.standardVersion(), d.requiredHours(), d.totalHours(), d.amountYuan(),
                cn.henan.skillshub.events.PaymentMode.INSTITUTION_ADVANCE, SubsidyDecided.PayeeType.INSTITUTION,
                "郑州䶮数字技能培训学校", city, d.decidedFrom(), d.decidedAt(), d.complianceFlags());
        return new CanonicalEvent(EventType.SUBSIDY_DECIDED, event.id(), event.source(), event.subject(),
                event.time(), event.key(), paidToInstitution);
    }

    private static List<CSVRecord> rows(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(file, GB18030))).getRecords();
    }

    private static String marker(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private int storedRows(String subscriber, String city, LocalDate day) {
        return jdbc.sql("SELECT count(*) FROM delivery.file_row WHERE subscriber = ? AND city_code = ? AND day = ?")
                .params(subscriber, city, day).query(Integer.class).single();
    }

    private double metric(String subscriber, String name) {
        String prometheus = new HubApi(port).getText("/actuator/prometheus", TestApiKeys.OPS).body();
        return prometheus.lines().filter(l -> l.startsWith("skillshub_delivery_" + name + "_total{")
                        && l.contains("subscriber=\"" + subscriber + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A city code no real city has (49xxxx), one per call. */
    private static String city() {
        return "49" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
    }

    private static String basic(LocalDate day) {
        return DateTimeFormatter.BASIC_ISO_DATE.format(day);
    }
}
