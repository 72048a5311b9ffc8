package cn.henan.skillshub.runtime;

import cn.henan.skillshub.kafka.KafkaConnection;
import cn.henan.skillshub.kafka.TopicLog;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The committed checkpoints, as the compacted topic {@code skills.hub.checkpoints} holds them. Read with
 * {@code read_committed}: a checkpoint whose transaction was aborted never existed.
 */
@Component
public class CheckpointStore {

    private static final Logger log = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private final KafkaConnection kafka;
    private final Map<String, Checkpoint> committed = new ConcurrentHashMap<>();

    CheckpointStore(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    /** The last committed checkpoint of a source, as last read or written by this instance. */
    public Optional<Checkpoint> committed(String sourceId) {
        return Optional.ofNullable(committed.get(sourceId));
    }

    public Map<String, Checkpoint> all() {
        return Map.copyOf(committed);
    }

    void recordCommitted(Checkpoint checkpoint) {
        committed.put(checkpoint.sourceId(), checkpoint);
    }

    void forget(String sourceId) {
        committed.remove(sourceId);
    }

    /**
     * Reads the topic to its end and returns the source's checkpoint. Call it only after the source's producer
     * has initialised its transactions: that aborts a transaction a crashed predecessor left open, which would
     * otherwise hold back the end a {@code read_committed} reader can reach.
     */
    Optional<Checkpoint> readFromKafka(String sourceId) {
        // The source's checkpoint as read here, not as the shared map holds it afterwards: a forget() of the
        // source on another thread meanwhile (a test's or an operator's "restart") must not turn what was just
        // read into "no checkpoint" — that would publish the source again from its beginning.
        Checkpoint[] found = new Checkpoint[1];
        try (TopicLog topic = new TopicLog(kafka, Topics.CHECKPOINTS, "skills-hub-checkpoint-reader")) {
            topic.readToEnd(record -> {
                Checkpoint read = record.value() == null ? null : parse(record.value());
                if (read == null) {
                    committed.remove(record.key());
                } else {
                    committed.put(record.key(), read);
                }
                if (record.key().equals(sourceId)) {
                    found[0] = read;
                }
            }, READ_LIMIT);
        }
        Optional<Checkpoint> checkpoint = Optional.ofNullable(found[0]);
        log.info("source {} resumes from {}", sourceId,
                checkpoint.map(c -> c.position().toString()).orElse("the beginning (no checkpoint)"));
        return checkpoint;
    }

    static byte[] serialise(Checkpoint checkpoint) {
        try {
            return EventJson.mapper().writeValueAsBytes(checkpoint);
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint cannot be serialised", e);
        }
    }

    private static Checkpoint parse(byte[] value) {
        try {
            return EventJson.mapper().readValue(value, Checkpoint.class);
        } catch (IOException e) {
            throw new IllegalStateException("a checkpoint on " + Topics.CHECKPOINTS + " cannot be read", e);
        }
    }
}
