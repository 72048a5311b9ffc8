package cn.henan.skillshub.benchmark;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code skills.subsidy.decisions.v1} as a subscriber does ({@code read_committed}, from the beginning) and
 * keeps what the report needs: counts by decision and reasons, by enrolment prefix (which batch of people a claim
 * belongs to), each (claim, decision) seen (a second one is a duplicate), and the latency from the commit of the
 * event that completed a claim's join to its first decision on the topic.
 */
final class DecisionWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byPrefix = new ConcurrentHashMap<>();
    /** (claim id, decision) pairs seen: one bit set per decision kind, indexed by claim id. */
    private final Map<String, BitSet> seen = new ConcurrentHashMap<>();
    /** Enrolment → System.nanoTime() of the commit of the event that completes its join. */
    private final Map<String, Long> joinedAt = new ConcurrentHashMap<>();
    private volatile Latencies latencies = new Latencies();

    DecisionWatcher(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "skills-hub-benchmark-decisions");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SUBSIDY_DECISIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "bench-decision-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Latencies of the joins completed from now on go to {@code into}. */
    void measureInto(Latencies into) {
        latencies = into;
    }

    void joined(String enrolmentNo, long committedNanos) {
        joinedAt.put(enrolmentNo, committedNanos);
    }

    private void run() {
        while (running) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            for (ConsumerRecord<String, byte[]> record : records) {
                JsonNode d;
                try {
                    d = EventJson.mapper().readTree(record.value());
                } catch (IOException e) {
                    throw new IllegalStateException("a decision on the topic is not JSON at offset " + record.offset(), e);
                }
                String decision = d.path("decision").asText();
                List<String> reasons = new ArrayList<>();
                d.path("reasonCodes").forEach(r -> reasons.add(r.asText()));
                String enrolment = d.path("enrolmentNo").asText();
                long claimId = d.path("claimId").asLong();
                BitSet bits = seen.computeIfAbsent(decision, k -> new BitSet());
                synchronized (bits) {
                    if (bits.get((int) claimId)) {
                        duplicates.incrementAndGet();
                    }
                    bits.set((int) claimId);
                }
                byKind.computeIfAbsent(kind(decision, reasons), k -> new AtomicLong()).incrementAndGet();
                String prefix = prefix(enrolment);
                byPrefix.computeIfAbsent(prefix + " " + decision, k -> new AtomicLong()).incrementAndGet();
                Long joined = joinedAt.remove(enrolment);
                if (joined != null) {
                    latencies.add(now - joined);
                }
                total.incrementAndGet();
            }
        }
        consumer.close();
    }

    /** "APPROVED -", "REJECTED REQUIRED_HOURS_NOT_MET", reasons joined with '+'. */
    static String kind(String decision, List<String> reasons) {
        return decision + " " + (reasons.isEmpty() ? "-" : String.join("+", reasons));
    }

    /** The batch of an enrolment "BM-Y123-1": its letters ("Y"). */
    static String prefix(String enrolmentNo) {
        String tag = enrolmentNo.startsWith("BM-") ? enrolmentNo.substring(3) : enrolmentNo;
        int i = 0;
        while (i < tag.length() && Character.isLetter(tag.charAt(i))) {
            i++;
        }
        return tag.substring(0, i);
    }

    long total() {
        return total.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** Decisions of kind {@code decision} (e.g. HELD) of the claims of batch {@code prefix}. */
    long count(String prefix, String decision) {
        AtomicLong n = byPrefix.get(prefix + " " + decision);
        return n == null ? 0 : n.get();
    }

    /** Decisions of batch {@code prefix} of any kind but {@code except}. */
    long countExcept(String prefix, String except) {
        return byPrefix.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + " ")
                && !e.getKey().equals(prefix + " " + except)).mapToLong(e -> e.getValue().get()).sum();
    }

    Map<String, Long> byKind() {
        Map<String, Long> copy = new TreeMap<>();
        byKind.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Whether the topic holds decision {@code decision} of claim {@code claimId}. */
    boolean has(long claimId, String decision) {
        BitSet bits = seen.get(decision);
        if (bits == null) {
            return false;
        }
        synchronized (bits) {
            return bits.get((int) claimId);
        }
    }

    /** Waits until {@code condition} holds, checking {@code alive} (the service) meanwhile. */
    static void await(String what, Duration atMost, BooleanSupplier condition, Runnable alive) {
        // Awaitility, not a loop of its own: the service is checked at each poll, and a dead one ends the wait at once.
        org.awaitility.Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            alive.run();
            return condition.getAsBoolean();
        });
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }

    /** Nanosecond latencies, p50/p99/max on demand. */
    static final class Latencies {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized int size() {
            return size;
        }

        /** The {@code p}-th percentile in seconds (0 when none). */
        synchronized double percentile(double p) {
            if (size == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
            return sorted[Math.max(0, index)] / 1e9;
        }

        String summary() {
            return String.format("p50 %.2f s, p99 %.2f s, max %.2f s (%,d claims)", percentile(50), percentile(99),
                    percentile(100), size());
        }
    }
}
