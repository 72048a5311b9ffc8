package cn.henan.skillshub.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a subscriber sees: a {@code read_committed} consumer on the hub's topics, counting the events as they
 * become visible, and summing their serialised size (key, value and headers) for the raw producer's record size.
 * A listener, when set, is told each event's {@code ce_subject} the moment it is read (trickle latency).
 */
final class CommittedCounter implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Events whose size is averaged after each {@link #resetSize}: enough for the mean to the byte. */
    static final long SIZE_SAMPLE = 50_000;

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong sized = new AtomicLong();
    private final Object progress = new Object();
    private volatile BiConsumer<String, Long> listener;
    private volatile boolean running = true;
    private final Thread thread;

    CommittedCounter(String bootstrapServers, List<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "skills-hub-benchmark-counter");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        topics.forEach(topic -> counts.put(topic, new AtomicLong()));
        thread = new Thread(this::run, "bench-committed-counter");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            BiConsumer<String, Long> l = listener;
            long now = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                counts.get(record.topic()).incrementAndGet();
                // The counter shares the two cores with the hub: it reads a record's headers (decoding each name,
                // copying each value) only for the size sample and for a trickle listener, not for every count.
                if (sized.get() < SIZE_SAMPLE) {
                    bytes.addAndGet(size(record));
                    sized.incrementAndGet();
                }
                if (l != null) {
                    Header subject = record.headers().lastHeader("ce_subject");
                    if (subject != null) {
                        l.accept(new String(subject.value(), StandardCharsets.UTF_8), now);
                    }
                }
            }
            if (!records.isEmpty()) {
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        }
        consumer.close();
    }

    /** A record's serialised key, value and headers; header names are ASCII (ce_*, content-type). */
    private static long size(ConsumerRecord<byte[], byte[]> record) {
        long size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    long count(String topic) {
        return counts.get(topic).get();
    }

    /** Starts the size average afresh, over the first {@value #SIZE_SAMPLE} events of one phase. */
    void resetSize() {
        bytes.set(0);
        sized.set(0);
    }

    double averageSize() {
        long n = sized.get();
        return n == 0 ? 0 : (double) bytes.get() / n;
    }

    void listen(BiConsumer<String, Long> subjectAndNanos) {
        this.listener = subjectAndNanos;
    }

    /**
     * Waits until {@code topic} has shown {@code expected} events, or no new one for {@code stall}, running
     * {@code check} (is the hub alive?) as it waits.
     *
     * @return the {@link System#nanoTime()} at which the count was reached
     */
    long awaitCount(String topic, long expected, Duration stall, Runnable check) throws InterruptedException {
        long last = count(topic);
        long lastChange = System.nanoTime();
        synchronized (progress) {
            while (true) {
                long now = count(topic);
                if (now >= expected) {
                    return System.nanoTime();
                }
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                    throw new IllegalStateException(topic + ": " + now + " of " + expected
                            + " events after no progress for " + stall.toSeconds() + " s; see the hub's log");
                }
                check.run();
                // Woken by the consuming thread as soon as it has counted a poll's records.
                progress.wait(100);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
