package cn.henan.skillshub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.SkillsHubApplication;
import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.EventEnvelope;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.simulator.SimulatorsConfiguration;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.support.ExchangeSchemaForTests;
import cn.henan.skillshub.support.ExchangeSchemaForTests.Simulators;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.SecuredKafkaBroker;
import cn.henan.skillshub.support.TestApiKeys;
import cn.henan.skillshub.support.TestSchemaInitializer;
import cn.henan.skillshub.support.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub against a secured cluster: a real broker whose only client listener is SASL_SSL (SCRAM-SHA-512 over TLS,
 * certificates made by the test), with KRaft's {@code StandardAuthorizer} and the ACLs of docs/security.md. Every
 * client of the hub takes its settings from {@code spring.kafka.*} alone.
 *
 * <p>One hub, one story, as an operator lives it: the hub starts with a password the cluster does not know — it
 * stays up, its sources show {@code failing} with the refused login, and its log does not flood; the password is
 * put right on the cluster, and the sources show the transactional-id ACL that is still missing; the ACL is
 * granted, and the real-name source and the settlement service run through the secured listener, exactly once.
 *
 * <p>Its secrets come from files, as Docker secrets give them ({@code *_FILE}, the API key file): a key added to the
 * file works within seconds and one removed stops working, without a restart; and none of the test's secrets is in
 * the log, in {@code /actuator/env} or {@code /actuator/configprops}, in a failure message or in the ops console.
 */
@SpringBootTest(classes = SkillsHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "camel.main.routes-include-pattern=file:routes/realname-training.yaml",
                "skillshub.sources.realname.schema=realname_secured",
                "skillshub.kafka.denied-retry-interval=1s",
                "skillshub.settlement.relay.interval-ms=100",
                // Secrets from files, as Docker secrets give them: the Kafka login, the person-key secret, the keys.
                "KAFKA_SASL_JAAS_CONFIG_FILE=target/secured-kafka-secrets/kafka-jaas",
                "SKILLSHUB_PERSON_KEY_SECRET_FILE=target/secured-kafka-secrets/person-key-secret",
                "skillshub.person.key-secret=${SKILLSHUB_PERSON_KEY_SECRET}",
                "skillshub.security.api-keys-file=target/secured-kafka-secrets/api-keys",
                // The broker in this JVM logs its own partitions and requests; the hub's lines are the ones looked at.
                "logging.level.kafka=WARN", "logging.level.state.change.logger=WARN",
                "logging.level.org.apache.kafka.controller=WARN", "logging.level.org.apache.kafka.storage=WARN"})
@ActiveProfiles("test")
@Import({SimulatorsConfiguration.class, ExchangeSchemaForTests.class})
@ContextConfiguration(initializers = TestSchemaInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
class SecuredKafkaIntegrationTests {

    static final String HUB_USER = "skills-hub";
    static final String HUB_PRINCIPAL = "User:" + HUB_USER;
    static final String HUB_PASSWORD = "hub-scram-password-of-the-test";
    static final List<String> FEEDS = List.of("realname-training.classes", "realname-training.enrolments",
            "realname-training.hours", "realname-training.completions");

    static final Path SECRETS = Path.of("target", "secured-kafka-secrets");
    static final String PERSON_KEY_SECRET = "person-key-secret-" + UUID.randomUUID();
    static final String OPS_ENTRY = "test-ops:OPS:" + sha256(TestApiKeys.OPS);

    /**
     * This run's record numbers: the settlement ledger outlives a run (the real PostgreSQL), and a claim it has
     * decided before is not decided again, so every run needs enrolments of its own.
     */
    static final String RUN_TAG = "Q15S" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(java.util.Locale.ROOT);

    static SecuredKafkaBroker broker;

    // Before the context: the secret files it reads at start (the test instance is made before the context is).
    static {
        try {
            Files.createDirectories(SECRETS);
            Files.writeString(SECRETS.resolve("kafka-jaas"), "org.apache.kafka.common.security.scram.ScramLoginModule"
                    + " required username=\"" + HUB_USER + "\" password=\"" + HUB_PASSWORD + "\";\n");
            Files.writeString(SECRETS.resolve("person-key-secret"), PERSON_KEY_SECRET + "\n");
            Files.writeString(SECRETS.resolve("api-keys"), "# the test's keys\n" + OPS_ENTRY + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void securedCluster(DynamicPropertyRegistry registry) throws Exception {
        broker = SecuredKafkaBroker.start();
        broker.createHubTopics();
        // The cluster knows the hub's user, but with another password than the hub has: the login fails.
        broker.scramUser(HUB_USER, "a-password-the-hub-does-not-have");
        grantAllButTheTransactionalIds();
        registry.add("spring.kafka.bootstrap-servers", broker::securedBootstrapServers);
        registry.add("spring.kafka.security.protocol", () -> "SASL_SSL");
        registry.add("spring.kafka.properties.sasl.mechanism", () -> "SCRAM-SHA-512");
        registry.add("spring.kafka.ssl.trust-store-location", () -> broker.trustStore().toUri().toString());
        registry.add("spring.kafka.ssl.trust-store-password", () -> SecuredKafkaBroker.TLS_PASSWORD);
        registry.add("spring.kafka.ssl.trust-store-type", () -> "PKCS12");
    }

    /** The ACLs of docs/security.md#kafka-acls, less the transactional ids. */
    static void grantAllButTheTransactionalIds() throws Exception {
        broker.allow(HUB_PRINCIPAL, ResourceType.TOPIC, "skills.", PatternType.PREFIXED,
                AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE);
        broker.allow(HUB_PRINCIPAL, ResourceType.GROUP, "skills-hub-", PatternType.PREFIXED, AclOperation.READ);
        broker.allow(HUB_PRINCIPAL, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
                AclOperation.IDEMPOTENT_WRITE);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Autowired
    Simulators simulators;
    @LocalServerPort
    int port;

    @Test
    void aRefusedLoginAndAMissingAclAreShownAsSuch_onceGrantedASourceAndSettlementRunExactlyOnce(
            CapturedOutput output) throws Exception {
        HubApi api = new HubApi(port);
        RealNameSimulator simulator = simulators.create(RUN_TAG, 15, 0.1);
        ExpectedOutcomes expected = simulator.openClasses();
        expected.add(simulator.write(40));

        // 1. A wrong password: the hub is up, each feed is failing with the refused login, named.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> FEEDS.forEach(feed ->
                assertFailing(api, feed, "Kafka refused the login of " + HUB_PRINCIPAL + " (SCRAM-SHA-512)")));
        int linesBefore = output.getAll().split("\n").length;
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        long refusedLines = lines(output, line -> line.contains("refused the login"));
        int linesDuring = output.getAll().split("\n").length - linesBefore;
        // No flood: each feed, polled every 200 ms, says it once; so do the topics, the reference versions and the
        // decision relay. (Kafka's own clients log each reconnect, here every second.)
        assertThat(refusedLines).isBetween((long) FEEDS.size(), (long) FEEDS.size() + 4);
        assertThat(output.getAll()).doesNotContain(HUB_PASSWORD);

        // 2. The password put right on the cluster: now the transactional-id ACL is what is missing.
        broker.scramUser(HUB_USER, HUB_PASSWORD);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> FEEDS.forEach(feed ->
                assertFailing(api, feed, "Kafka denies " + HUB_PRINCIPAL + " the transactional id skills-hub-"
                        + feed + ": grant WRITE and DESCRIBE on TRANSACTIONAL_ID prefix 'skills-hub-'")));

        // 3. Granted: every row is one event or one reject, once; each claim is decided once.
        broker.allow(HUB_PRINCIPAL, ResourceType.TRANSACTIONAL_ID, "skills-hub-", PatternType.PREFIXED,
                AclOperation.WRITE, AclOperation.DESCRIBE);
        TopicReader reader = new TopicReader(broker.internalBootstrapServers());
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(tagged(reader.readAll(Topics.TRAINING))).hasSize(expected.totalEvents());
            assertThat(tagged(reader.readAll(Topics.REJECTED))).hasSize(expected.totalRejects());
        });
        List<ConsumerRecord<String, byte[]>> events = tagged(reader.readAll(Topics.TRAINING));
        assertThat(events.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(events.size());
        FEEDS.forEach(feed -> assertThat(HubApi.json(api.get("/api/v1/sources/" + feed, TestApiKeys.OPS))
                .get("state").asText()).isEqualTo("running"));

        List<TrainingCompleted> completions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : events) {
            if (EventType.TRAINING_COMPLETED.ceType().equals(header(record, "ce_type"))) {
                completions.add(EventJson.mapper().readValue(record.value(), TrainingCompleted.class));
            }
        }
        assertThat(completions).isNotEmpty();
        try (KafkaProducer<String, byte[]> certificates = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.internalBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (TrainingCompleted completion : completions) {
                certificates.send(EventEnvelope.toRecord(certificate(completion))).get();
            }
        }
        Set<String> claims = completions.stream().map(c -> "claim/" + c.enrolmentNo()).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(reader.readAll(Topics.SUBSIDY_DECISIONS)
                .stream().map(r -> header(r, "ce_subject")).filter(claims::contains).distinct()).hasSize(claims.size()));
        List<String> decided = reader.readAll(Topics.SUBSIDY_DECISIONS).stream().map(r -> header(r, "ce_subject"))
                .filter(claims::contains).toList();
        assertThat(decided).hasSize(claims.size());

        aKeyAddedToTheKeyFileWorksAndOneRemovedStops(api);
        noSecretIsShown(api, output);

        System.err.printf("secured story: %d log lines in 3 s while refused, %d naming the refused login%n",
                linesDuring, refusedLines);
        assertThat(output.getAll()).doesNotContain(HUB_PASSWORD);
    }

    private void aKeyAddedToTheKeyFileWorksAndOneRemovedStops(HubApi api) throws IOException {
        String key = "skh_reload-" + UUID.randomUUID();
        Path keys = SECRETS.resolve("api-keys");
        Files.writeString(keys, OPS_ENTRY + "\nreload-test:AUDITOR:" + sha256(key) + "\n");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/sources", key).statusCode()).isEqualTo(200));
        Files.writeString(keys, OPS_ENTRY + "\n");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/sources", key).statusCode()).isEqualTo(401));
        assertThat(api.get("/api/v1/sources", TestApiKeys.OPS).statusCode()).isEqualTo(200);
        reloadedKey = key;
    }

    private String reloadedKey;

    /** The test's secrets, in none of what an operator or a client can read. */
    private void noSecretIsShown(HubApi api, CapturedOutput output) {
        List<String> secrets = List.of(HUB_PASSWORD, PERSON_KEY_SECRET, SecuredKafkaBroker.TLS_PASSWORD, reloadedKey,
                "test-sftp-password", "test-evaluation-body-token", "test-ce-secret");
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        shown.put("the log", output.getAll());
        for (String path : List.of("/actuator/env", "/actuator/configprops", "/actuator/health", "/actuator/prometheus",
                "/api/v1/sources", "/api/v1/me", "/ops", "/ops/console.js", "/v3/api-docs")) {
            shown.put(path, api.get(path, TestApiKeys.OPS).body());
        }
        shown.forEach((where, text) -> secrets.forEach(secret ->
                assertThat(text).as(where + " holds a secret").doesNotContain(secret)));
    }

    static String sha256(String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertFailing(HubApi api, String feed, String reason) {
        JsonNode source = HubApi.json(api.get("/api/v1/sources/" + feed, TestApiKeys.OPS));
        assertThat(source.path("state").asText()).as(source.toString()).isEqualTo("failing");
        assertThat(source.path("lastFailure").asText()).contains(reason);
    }

    private static CanonicalEvent certificate(TrainingCompleted completion) {
        String certificateNo = "ZS-" + completion.enrolmentNo();
        CertificateIssued data = new CertificateIssued(certificateNo, completion.personKey(),
                completion.maskedIdNumber(), completion.birthMonth(), "河南省人工智能学会评价中心",
                completion.occupationCode(), completion.level(), issuedOn(completion),
                EnumSet.noneOf(cn.henan.skillshub.events.ComplianceFlag.class));
        String source = "/sources/secured-kafka-tests";
        String subject = "certificate/" + certificateNo;
        return new CanonicalEvent(EventType.CERTIFICATE_ISSUED, CanonicalEvent.idOf(source, subject, "issued"),
                source, subject, OffsetDateTime.now(ZoneOffset.UTC), completion.personKey(), data);
    }

    /** A week after the completion, but never in the future: a certificate dated after today is not a fact yet. */
    private static java.time.LocalDate issuedOn(TrainingCompleted completion) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        java.time.LocalDate weekLater = completion.completedOn().plusDays(7);
        return weekLater.isAfter(today) ? today : weekLater;
    }

    private static List<ConsumerRecord<String, byte[]>> tagged(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(RUN_TAG)).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long lines(CapturedOutput output, Predicate<String> which) {
        return output.getAll().lines().filter(which).count();
    }
}
