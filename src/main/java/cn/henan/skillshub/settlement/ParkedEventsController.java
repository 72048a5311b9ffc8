package cn.henan.skillshub.settlement;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.kafka.KafkaConnection;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The events settlement parked (never their payload: position, ce_id, ce_type, reason), and their replay by OPS:
 * the event is read again from its topic at its position and handed to the settlement's listener as if it had just
 * arrived; if it fails again it is parked again. A replay of an event already applied changes nothing (the ce_id
 * table).
 */
@RestController
@RequestMapping(path = "/api/v1/settlement/parked", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = "skillshub.settlement.enabled", havingValue = "true", matchIfMissing = true)
class ParkedEventsController {

    private static final Logger log = LoggerFactory.getLogger(ParkedEventsController.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);

    record Parked(String topic, int partition, long offset, String ceId, String ceType, String reason,
                  OffsetDateTime parkedAt) {
    }

    record Page(int page, int size, long total, List<Parked> parked) {
    }

    record Replayed(String topic, int partition, long offset, String ceId, boolean parkedAgain, String reason) {
    }

    private final JdbcClient jdbc;
    private final KafkaConnection kafka;
    private final SettlementListener listener;

    ParkedEventsController(JdbcClient jdbc, KafkaConnection kafka, SettlementListener listener) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.listener = listener;
    }

    @Operation(summary = "Events the settlement service parked, oldest first, paged")
    @GetMapping
    Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw ApiProblem.badRequest("page must be 0 or more");
        }
        if (size < 1 || size > ClaimsController.MAX_SIZE) {
            throw ApiProblem.badRequest("size must be 1.." + ClaimsController.MAX_SIZE);
        }
        long total = jdbc.sql("SELECT count(*) FROM settlement.parked_event").query(Long.class).single();
        List<Parked> rows = jdbc.sql("SELECT * FROM settlement.parked_event ORDER BY parked_at, topic, partition,"
                        + " kafka_offset LIMIT :size OFFSET :offset").param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new Parked(rs.getString("topic"), rs.getInt("partition"), rs.getLong("kafka_offset"),
                        rs.getString("ce_id"), rs.getString("ce_type"), rs.getString("reason"),
                        rs.getObject("parked_at", OffsetDateTime.class))).list();
        return new Page(page, size, total, rows);
    }

    @Operation(summary = "Replay one parked event (OPS): read it again at its position and apply it")
    @PostMapping("/{topic}/{partition}/{offset}/replay")
    Replayed replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        Parked parked = jdbc.sql("SELECT * FROM settlement.parked_event WHERE topic = :t AND partition = :p"
                        + " AND kafka_offset = :o").param("t", topic).param("p", partition).param("o", offset)
                .query((rs, n) -> new Parked(rs.getString("topic"), rs.getInt("partition"), rs.getLong("kafka_offset"),
                        rs.getString("ce_id"), rs.getString("ce_type"), rs.getString("reason"),
                        rs.getObject("parked_at", OffsetDateTime.class))).optional()
                .orElseThrow(() -> ApiProblem.notFound("no parked event at " + topic + "-" + partition + "@" + offset));
        ConsumerRecord<String, byte[]> record = read(topic, partition, offset);
        unpark(parked);
        listener.onRecord(record);
        String again = jdbc.sql("SELECT reason FROM settlement.parked_event WHERE topic = :t AND partition = :p"
                        + " AND kafka_offset = :o").param("t", topic).param("p", partition).param("o", offset)
                .query(String.class).optional().orElse(null);
        log.info("parked event {}-{}@{} (ce_id {}) replayed: {}", topic, partition, offset, parked.ceId(),
                again == null ? "applied" : "parked again, " + again);
        return new Replayed(topic, partition, offset, parked.ceId(), again != null, again);
    }

    private void unpark(Parked parked) {
        jdbc.sql("DELETE FROM settlement.parked_event WHERE topic = :t AND partition = :p AND kafka_offset = :o")
                .param("t", parked.topic()).param("p", parked.partition()).param("o", parked.offset()).update();
    }

    private ConsumerRecord<String, byte[]> read(String topic, int partition, long offset) {
        Map<String, Object> config = new HashMap<>(kafka.committedReaderConfig("skills-hub-settlement-replay"));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                    if (r.offset() > offset) {
                        throw ApiProblem.notFound("the event at " + topic + "-" + partition + "@" + offset
                                + " is no longer on its topic");
                    }
                }
            }
        }
        throw ApiProblem.notFound("the event at " + topic + "-" + partition + "@" + offset + " could not be read within "
                + READ_LIMIT.toSeconds() + " s");
    }
}
