package cn.henan.skillshub.sources.realname;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.runtime.SourceTransactions;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.SourceBatch;
import cn.henan.skillshub.runtime.SourceTracker;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.support.ExchangeFeeds;
import cn.henan.skillshub.support.ExchangeSchemaForTests.Simulators;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real-name skills-training system end to end: simulator → PostgreSQL exchange database → Camel keyset poll →
 * Kafka, read back as a {@code read_committed} subscriber.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RealNameSourceIntegrationTests {

    @Autowired
    Simulators simulators;
    @Autowired
    ExchangeFeeds feeds;
    @Autowired
    @Qualifier("exchangeDataSource")
    DataSource exchange;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    SourceTransactions publisher;
    @Autowired
    SourceTracker metrics;
    @Autowired
    CamelContext camel;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${skillshub.sources.realname.schema}")
    String schema;
    @Value("${skillshub.sources.realname.delay-window}")
    String delayWindow;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyRowBecomesExactlyOneEventOrOneRejectWithItsReason() throws IOException {
        RealNameSimulator simulator = simulators.create("Q7E2E", 42, 0.2);
        ExpectedOutcomes expected = simulator.openClasses();
        expected.add(simulator.write(400));

        feeds.awaitDrained();

        List<ConsumerRecord<String, byte[]>> events = ofRun(read(Topics.TRAINING), "Q7E2E");
        Map<EventType, Long> byType = events.stream().collect(Collectors.groupingBy(
                r -> EventType.ofCeType(header(r, "ce_type")), () -> new EnumMap<>(EventType.class),
                Collectors.counting()));
        expected.events().forEach((type, count) -> assertThat(byType.get(type)).as(type.ceType()).isEqualTo(count.longValue()));
        assertThat(events).hasSize(expected.totalEvents());
        assertThat(events.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(events.size());

        List<ConsumerRecord<String, byte[]>> rejects = ofRun(read(Topics.REJECTED), "Q7E2E");
        Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        for (ConsumerRecord<String, byte[]> reject : rejects) {
            byReason.merge(RejectReason.valueOf(json.readTree(reject.value()).get("reasonCode").asText()), 1L, Long::sum);
        }
        assertThat(expected.totalRejects()).isGreaterThan(10);
        expected.rejects().forEach((reason, count) -> assertThat(byReason.get(reason)).as(reason.name()).isEqualTo(count.longValue()));
        assertThat(rejects).hasSize(expected.totalRejects());

        // Count in = count out + count rejected, on the rows of this run and on each source's own tally.
        assertThat(rowsOfRun("Q7E2E")).isEqualTo(events.size() + rejects.size());
        for (String sourceId : ExchangeFeeds.FEED_TABLES.keySet()) {
            Checkpoint checkpoint = checkpoints.committed(sourceId).orElseThrow();
            assertThat(checkpoint.recordsRead()).as(sourceId)
                    .isEqualTo(checkpoint.eventsPublished() + checkpoint.recordsRejected());
        }
    }

    @Test
    void eventsCarryCloudEventsHeadersAndValidateAgainstTheirSchemas() throws IOException {
        RealNameSimulator simulator = simulators.create("Q7SCH", 7, 0.1);
        simulator.openClasses();
        simulator.write(150);
        feeds.awaitDrained();

        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> schemas = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> all = new java.util.ArrayList<>(ofRun(read(Topics.TRAINING), "Q7SCH"));
        all.addAll(ofRun(read(Topics.REJECTED), "Q7SCH"));
        assertThat(all).hasSizeGreaterThan(150);
        for (ConsumerRecord<String, byte[]> record : all) {
            String type = header(record, "ce_type");
            assertThat(header(record, "ce_id")).isNotBlank();
            assertThat(header(record, "ce_source")).isEqualTo("/sources/realname-training");
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_dataschema")).isEqualTo("http://hub.test/schemas/" + type + ".json");
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            JsonSchema schema = schemas.computeIfAbsent(type, t -> factory.getSchema(
                    readFile(Path.of("kafka/schemas", t + ".json"))));
            assertThat(schema.validate(json.readTree(record.value()))).as(type).isEmpty();
        }
    }

    @Test
    void enrolmentsCarryTheTraineesGroup_andTheIneligibleAreFlaggedNotRejected() throws IOException {
        RealNameSimulator simulator = simulators.create("Q7ELG", 17, 0.0);
        simulator.openClasses();
        simulator.write(400);
        feeds.awaitDrained();

        List<JsonNode> enrolled = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : ofRun(read(Topics.TRAINING), "Q7ELG")) {
            if (EventType.TRAINING_ENROLLED.ceType().equals(header(record, "ce_type"))) {
                enrolled.add(json.readTree(record.value()));
            }
        }
        assertThat(enrolled).hasSizeGreaterThan(50).allSatisfy(e -> assertThat(e.has("traineeCategory")).isTrue());
        for (JsonNode e : enrolled) {
            String flags = e.get("complianceFlags").toString();
            boolean other = "OTHER".equals(e.get("traineeCategory").asText());
            assertThat(flags.contains("NOT_AN_ELIGIBLE_CATEGORY")).as("category OTHER is flagged").isEqualTo(other);
            assertThat(flags.contains("NOT_IN_PROVINCE")).isEqualTo(!e.get("inProvince").asBoolean());
        }
        assertThat(enrolled.stream().filter(e -> e.get("complianceFlags").toString().matches(
                ".*(NOT_AN_ELIGIBLE_CATEGORY|NOT_IN_PROVINCE|GRADUATE_BEYOND_TWO_YEARS|SCHOOL_NOT_NAMED_IN_PLAN).*")))
                .as("a few ineligible trainees, published with their flags").isNotEmpty()
                .hasSizeLessThan(enrolled.size() / 4);
    }

    @Test
    void noFullIdNumberInAnyKeyHeaderEventOrLogLine(CapturedOutput output) {
        RealNameSimulator simulator = simulators.create("Q7PII", 11, 0.3);
        simulator.openClasses();
        simulator.write(200);
        feeds.awaitDrained();

        List<String> idNumbers = new JdbcTemplate(exchange).queryForList(
                "SELECT id_number FROM " + schema + ".enrolment WHERE enrolment_no LIKE 'BMQ7PII%'", String.class);
        assertThat(idNumbers).hasSizeGreaterThan(50);
        StringBuilder published = new StringBuilder();
        for (String topic : List.of(Topics.TRAINING, Topics.REJECTED, Topics.CHECKPOINTS)) {
            for (ConsumerRecord<String, byte[]> record : read(topic)) {
                published.append(record.key()).append('\n').append(new String(record.value(), StandardCharsets.UTF_8));
                for (Header header : record.headers()) {
                    published.append(new String(header.value(), StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        String everything = published + "\n" + output.getAll();
        for (String idNumber : idNumbers) {
            assertThat(everything).doesNotContain(idNumber);
            assertThat(everything).doesNotContain(idNumber.substring(0, 17));
        }
        assertThat(published).contains("410***********");
    }

    @Test
    void aRouteKilledMidStreamResumesFromItsCommittedCheckpointWithNoGapAndNoDuplicate() throws Exception {
        RealNameSimulator simulator = simulators.create("Q7KIL", 99, 0);
        ExpectedOutcomes expected = simulator.openClasses();
        String sourceId = "realname-training.enrolments";
        for (int round = 0; round < 6; round++) {
            expected.add(simulator.write(60));
            switch (round) {
                case 1 -> camel.getRouteController().stopRoute(sourceId);
                case 2 -> {
                    publisher.forget(sourceId); // as a restarted process: new producer, checkpoint read from Kafka
                    camel.getRouteController().startRoute(sourceId);
                }
                case 4 -> publisher.forget(sourceId); // while the route runs: a crash in mid-transaction, maybe
                default -> {
                }
            }
        }
        feeds.awaitDrained();

        List<String> enrolmentNos = new JdbcTemplate(exchange).queryForList("SELECT enrolment_no FROM " + schema
                + ".enrolment WHERE enrolment_no LIKE 'BMQ7KIL%'", String.class);
        // commitTransaction returns once the coordinator has the commit; the markers that make the events visible
        // to read_committed readers reach the partitions a moment later. A gap or a duplicate never goes away.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> enrolled = ofRun(read(Topics.TRAINING), "Q7KIL").stream()
                    .filter(r -> header(r, "ce_type").equals(EventType.TRAINING_ENROLLED.ceType())).toList();
            Map<String, Long> perEnrolment = enrolled.stream().collect(Collectors.groupingBy(
                    r -> header(r, "ce_subject").substring("enrolment/".length()), Collectors.counting()));
            assertThat(perEnrolment.keySet()).containsExactlyInAnyOrderElementsOf(enrolmentNos);
            assertThat(perEnrolment.values()).allMatch(count -> count == 1);
            assertThat(enrolled).hasSize(expected.events().get(EventType.TRAINING_ENROLLED));
        });
    }

    @Test
    void aBacklogReadInPipelinedBatchesSurvivesCrashesAndARestartWithNoGapAndNoDuplicate() throws Exception {
        RealNameSimulator simulator = simulators.create("Q7PIP", 99, 0);
        simulator.openClasses();
        simulator.write(150);
        // A source of its own over this run's enrolments, in batches of 7: every poll reads batch after batch, each
        // one read and mapped while the one before commits (SourceTransactions.publishInBackground), so crashes land
        // with a batch in flight and one read ahead.
        JdbcTemplate jdbc = new JdbcTemplate(exchange);
        jdbc.execute("CREATE VIEW " + schema + ".pipelined_feed AS SELECT * FROM " + schema
                + ".hub_enrolment_feed WHERE enrolment_no LIKE 'BMQ7PIP%'");
        String sourceId = "realname-training.pipelined-test";
        String sourceSystem = "/sources/realname-pipelined-test";
        TemplatedRouteBuilder.builder(camel, "jdbc-keyset-poll").routeId(sourceId)
                .parameter("sourceId", sourceId).parameter("sourceSystem", sourceSystem)
                .parameter("feed", schema + ".pipelined_feed").parameter("mapper", "realNameEnrolmentMapper")
                .parameter("pollIntervalMs", "200").parameter("delayWindow", delayWindow)
                .parameter("batchSize", "7").add();
        try {
            for (int crash = 0; crash < 4; crash++) {
                simulator.write(60);
                long before = committedRecords(sourceId);
                await().atMost(Duration.ofSeconds(60)).until(() -> committedRecords(sourceId) > before);
                if (crash == 2) {
                    camel.getRouteController().stopRoute(sourceId);
                    publisher.forget(sourceId); // a restarted process: new producer, checkpoint read from Kafka
                    camel.getRouteController().startRoute(sourceId);
                } else {
                    publisher.forget(sourceId); // a crash while the route runs: the batch in flight may be lost
                }
            }
            String lastId = jdbc.queryForObject("SELECT id FROM " + schema + ".pipelined_feed"
                    + " ORDER BY updated_at DESC, id DESC LIMIT 1", Long.class).toString();
            await().atMost(Duration.ofSeconds(90)).until(() -> lastId.equals(
                    checkpoints.committed(sourceId).map(c -> c.position().get("id")).orElse("none")));
        } finally {
            camel.getRouteController().stopRoute(sourceId);
            camel.removeRoute(sourceId);
            jdbc.execute("DROP VIEW " + schema + ".pipelined_feed");
        }

        List<String> enrolmentNos = jdbc.queryForList("SELECT enrolment_no FROM " + schema
                + ".enrolment WHERE enrolment_no LIKE 'BMQ7PIP%'", String.class);
        assertThat(enrolmentNos).hasSizeGreaterThan(100);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Long> perEnrolment = read(Topics.TRAINING).stream()
                    .filter(r -> header(r, "ce_source").equals(sourceSystem))
                    .collect(Collectors.groupingBy(r -> header(r, "ce_subject").substring("enrolment/".length()),
                            Collectors.counting()));
            assertThat(perEnrolment.keySet()).containsExactlyInAnyOrderElementsOf(enrolmentNos);
            assertThat(perEnrolment.values()).allMatch(count -> count == 1);
        });
    }

    @Test
    void aBatchHandedOverBehindOneThatFailsIsNeverSentAndNothingIsCommitted() {
        // Two batches in flight (SourceTransactions.publishInBackground): the second is handed over before the first
        // has even been sent. The first cannot be sent (a value above the producer's max.request.size of 1 MB), so
        // the second must fail with it, unsent, and the checkpoint stay where it was.
        String sourceId = "realname-training.failing-predecessor-test";
        String neverSent = "enrolment/NEVER-SENT-" + System.nanoTime();
        Checkpoint start = publisher.resumePoint(sourceId);

        publisher.publishInBackground(batchOfOne(sourceId, "enrolment/TOO-LARGE", new byte[2 << 20], "1"), 1);
        publisher.publishInBackground(batchOfOne(sourceId, neverSent, "{}".getBytes(StandardCharsets.UTF_8), "2"), 1);

        assertThatThrownBy(() -> publisher.awaitPublished(sourceId)).isInstanceOf(KafkaException.class);
        assertThat(publisher.resumePoint(sourceId)).isEqualTo(start);
        assertThat(new TopicReader(bootstrapServers).readAllIncludingAborted(Topics.TRAINING))
                .noneMatch(record -> header(record, "ce_subject").equals(neverSent));
    }

    private static SourceBatch batchOfOne(String sourceId, String subject, byte[] value, String position) {
        CanonicalEvent event = new CanonicalEvent(EventType.TRAINING_ENROLLED,
                CanonicalEvent.idOf("/sources/failing-predecessor-test", subject, position),
                "/sources/failing-predecessor-test", subject, OffsetDateTime.now(ZoneOffset.UTC), subject, Map.of());
        return new SourceBatch(sourceId, List.of(new RecordOutcome.Accepted(event, value)), Map.of("id", position));
    }

    private long committedRecords(String sourceId) {
        return checkpoints.committed(sourceId).map(Checkpoint::recordsRead).orElse(0L);
    }

    @Test
    void aRowWhoseTransactionCommitsLateWithAnOlderUpdatedAtIsStillPublished() throws Exception {
        RealNameSimulator simulator = simulators.create("Q7LAT", 5, 0);
        simulator.openClasses();
        String classNo = new JdbcTemplate(exchange).queryForObject("SELECT class_no FROM " + schema
                + ".training_class WHERE class_no LIKE 'BJQ7LAT%' ORDER BY id LIMIT 1", String.class);
        String insert = "INSERT INTO " + schema + ".enrolment (enrolment_no, class_no, id_number, full_name, phone,"
                + " payment_mode, enrolled_on, updated_at) VALUES (?, ?, ?, '张伟', '13800001111',"
                + " 'INSTITUTION_ADVANCE', DATE '2025-05-01', clock_timestamp())";
        try (Connection late = exchange.getConnection()) {
            late.setAutoCommit(false);
            try (PreparedStatement statement = late.prepareStatement(insert)) {
                statement.setString(1, "BMQ7LAT-LATE");
                statement.setString(2, classNo);
                statement.setString(3, "410102199003071234".substring(0, 17) + checkOf("41010219900307123"));
                statement.executeUpdate();
            }
            // A row with a newer updated_at commits first, and the hub polls it while the older one is uncommitted.
            try (Connection early = exchange.getConnection(); PreparedStatement statement = early.prepareStatement(insert)) {
                statement.setString(1, "BMQ7LAT-EARLY");
                statement.setString(2, classNo);
                statement.setString(3, "41030219851111002" + checkOf("41030219851111002"));
                statement.executeUpdate();
            }
            long polls = metrics.polls("realname-training.enrolments");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> metrics.polls("realname-training.enrolments") >= polls + 2);
            late.commit();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ofRun(read(Topics.TRAINING), "Q7LAT").stream().map(r -> header(r, "ce_subject")))
                .contains("enrolment/BMQ7LAT-EARLY", "enrolment/BMQ7LAT-LATE"));
    }

    @Test
    void aSecondInstanceWithTheSameTransactionalIdFencesThisOneAndItsRouteStops() throws Exception {
        String sourceId = "realname-training.classes";
        simulators.create("Q7FN1", 1, 0).openClasses();
        feeds.awaitDrained();
        java.util.Map<String, Object> config = new java.util.HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("transactional.id", "skills-hub-" + sourceId);
        ExpectedOutcomes missed;
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> secondInstance =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(config,
                             new org.apache.kafka.common.serialization.StringSerializer(),
                             new org.apache.kafka.common.serialization.StringSerializer())) {
            secondInstance.initTransactions();
            missed = simulators.create("Q7FN2", 2, 0).openClasses();
            await().atMost(Duration.ofSeconds(30)).until(() -> publisher.isFenced(sourceId)
                    && camel.getRouteController().getRouteStatus(sourceId).isStopped());
        }
        assertThat(ofRun(read(Topics.TRAINING), "Q7FN2")).isEmpty();

        // The operator's way back: this instance takes the source over again and publishes what it had missed.
        publisher.forget(sourceId);
        camel.getRouteController().startRoute(sourceId);
        feeds.awaitDrained();
        // Visible to read_committed readers once the commit markers reach the partitions, a moment after commit.
        int missedEvents = missed.totalEvents();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ofRun(read(Topics.TRAINING), "Q7FN2")).hasSize(missedEvents));
    }

    private static char checkOf(String body) {
        return cn.henan.skillshub.person.IdNumber.checkCharacter(body);
    }

    private long rowsOfRun(String runTag) {
        JdbcTemplate jdbc = new JdbcTemplate(exchange);
        long rows = 0;
        rows += jdbc.queryForObject("SELECT count(*) FROM " + schema + ".training_class WHERE class_no LIKE 'BJ"
                + runTag + "%'", Long.class);
        rows += jdbc.queryForObject("SELECT count(*) FROM " + schema + ".enrolment WHERE enrolment_no LIKE 'BM"
                + runTag + "%'", Long.class);
        rows += jdbc.queryForObject("SELECT count(*) FROM " + schema + ".training_hours WHERE enrolment_no LIKE 'BM"
                + runTag + "%'", Long.class);
        rows += jdbc.queryForObject("SELECT count(*) FROM " + schema + ".completion WHERE enrolment_no LIKE 'BM"
                + runTag + "%'", Long.class);
        return rows;
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic) {
        return new TopicReader(bootstrapServers).readAll(topic);
    }

    /** The records of one simulator run: their record numbers carry its run tag. */
    private static List<ConsumerRecord<String, byte[]>> ofRun(List<ConsumerRecord<String, byte[]>> records, String tag) {
        return records.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(tag)
                || header(r, "ce_subject").contains(tag)).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private JsonNode readFile(Path path) {
        try {
            return json.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
