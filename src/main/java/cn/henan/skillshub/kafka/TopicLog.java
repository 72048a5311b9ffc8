package cn.henan.skillshub.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic read as a log, from its beginning, {@code read_committed}, by one consumer that is assigned every
 * partition (no group): the one place the hub "reads a topic to its end", as Kafka Connect's {@code KafkaBasedLog}
 * is for Connect. {@link #readToEnd} brings the reader up to the end offsets of the moment it is called — for a
 * {@code read_committed} reader the last stable offset, so every transaction committed before the call is seen;
 * {@link #poll} follows the topic afterwards. Not thread-safe: one owner thread, or the owner's lock.
 *
 * <p>Nothing is opened before the first read: constructing one does no I/O.
 */
public final class TopicLog implements AutoCloseable {

    private final KafkaConnection kafka;
    private final String topic;
    private final String clientId;
    private KafkaConsumer<String, byte[]> consumer;

    public TopicLog(KafkaConnection kafka, String topic, String clientId) {
        this.kafka = kafka;
        this.topic = topic;
        this.clientId = clientId;
    }

    /**
     * Reads on from where the reader stands (the beginning, the first time) to the topic's end as of now, handing
     * each record to {@code apply}.
     *
     * @return the records read
     * @throws IllegalStateException if the end is not reached within {@code limit}
     */
    public int readToEnd(Consumer<ConsumerRecord<String, byte[]>> apply, Duration limit) {
        KafkaConsumer<String, byte[]> reader = reader();
        Map<TopicPartition, Long> end = reader.endOffsets(reader.assignment());
        long deadline = System.nanoTime() + limit.toNanos();
        int read = 0;
        while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " not read to its end within " + limit);
            }
            for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                apply.accept(record);
                read++;
            }
        }
        return read;
    }

    /** Waits up to {@code timeout} for new records and hands them to {@code apply}. */
    public int poll(Duration timeout, Consumer<ConsumerRecord<String, byte[]>> apply) {
        int read = 0;
        for (ConsumerRecord<String, byte[]> record : reader().poll(timeout)) {
            apply.accept(record);
            read++;
        }
        return read;
    }

    /** Makes a {@link #poll} on another thread return at once (with a {@code WakeupException}). */
    public void wakeup() {
        KafkaConsumer<String, byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
    }

    private KafkaConsumer<String, byte[]> reader() {
        if (consumer == null) {
            KafkaConsumer<String, byte[]> opened = new KafkaConsumer<>(kafka.committedReaderConfig(clientId),
                    new StringDeserializer(), new ByteArrayDeserializer());
            try {
                List<TopicPartition> partitions = opened.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                opened.assign(partitions);
                opened.seekToBeginning(partitions);
            } catch (RuntimeException e) {
                // Refused or not there: the next read opens a reader again, not an unassigned one.
                opened.close(Duration.ZERO);
                throw e;
            }
            consumer = opened;
        }
        return consumer;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
            consumer = null;
        }
    }
}
