package cn.henan.skillshub.cluster;

import cn.henan.skillshub.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a subscriber saw: a {@code read_committed} consumer of the events, the rejects and the checkpoints, from the
 * beginning. Counts each row (by its enrolment number) as an event or a reject, and notes when each commit of a
 * source became visible, so a failover's time is from the kill to the first commit made after it.
 */
final class DeliveryCount implements AutoCloseable {

    private static final Pattern ENROLMENT_NO = Pattern.compile("\"enrolment_no\"\\s*:\\s*\"([GX]\\d{9})\"");
    private static final Pattern COMMITTED_AT = Pattern.compile("\"committedAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern RECORDS_READ = Pattern.compile("\"recordsRead\"\\s*:\\s*(\\d+)");

    /** A commit of a source: when its batch was made ({@code committedAt}) and when this reader saw it. */
    record Commit(String sourceId, Instant committedAt, Instant seenAt, long recordsRead) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, AtomicLong> asEvent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> asReject = new ConcurrentHashMap<>();
    private final List<Commit> commits = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> assessments = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong rejects = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    DeliveryCount(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "skills-hub-cluster-count");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of(Topics.TRAINING, Topics.ASSESSMENT, Topics.REJECTED, Topics.CHECKPOINTS).stream()
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "cluster-delivery-count");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    take(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        switch (record.topic()) {
            case Topics.TRAINING -> {
                Header subject = record.headers().lastHeader("ce_subject");
                String s = subject == null ? "" : new String(subject.value(), StandardCharsets.UTF_8);
                if (s.startsWith("enrolment/")) {
                    asEvent.computeIfAbsent(s.substring("enrolment/".length()), k -> new AtomicLong()).incrementAndGet();
                }
                events.incrementAndGet();
            }
            case Topics.ASSESSMENT -> {
                Header id = record.headers().lastHeader("ce_id");
                if (id != null) {
                    assessments.computeIfAbsent(new String(id.value(), StandardCharsets.UTF_8), k -> new AtomicLong())
                            .incrementAndGet();
                }
            }
            case Topics.REJECTED -> {
                Matcher no = ENROLMENT_NO.matcher(value);
                if (no.find()) {
                    asReject.computeIfAbsent(no.group(1), k -> new AtomicLong()).incrementAndGet();
                }
                rejects.incrementAndGet();
            }
            default -> {
                Matcher at = COMMITTED_AT.matcher(value);
                Matcher read = RECORDS_READ.matcher(value);
                if (at.find() && read.find()) {
                    commits.add(new Commit(record.key(), Instant.parse(at.group(1)), Instant.now(),
                            Long.parseLong(read.group(1))));
                }
            }
        }
    }

    long events() {
        return events.get();
    }

    long rejects() {
        return rejects.get();
    }

    /** Assessment events (the CSV files' lines) seen, each event id once. */
    long distinctAssessments() {
        return assessments.size();
    }

    /** Assessment events seen more than once: each repeat counts. */
    long duplicatedAssessments() {
        return assessments.values().stream().mapToLong(n -> Math.max(0, n.get() - 1)).sum();
    }

    /** Rows seen once or more, as an event or a reject. */
    long rowsSeen() {
        return asEvent.size() + asReject.keySet().stream().filter(no -> !asEvent.containsKey(no)).count();
    }

    /** The records a source's last commit counts as read since its first (rows read twice count twice). */
    long recordsCommitted(String sourceId) {
        return commits.stream().filter(c -> c.sourceId().equals(sourceId)).mapToLong(Commit::recordsRead).max()
                .orElse(0);
    }

    /** The first commit of a source made after {@code since}, as it became visible. */
    Optional<Commit> firstCommitAfter(String sourceId, Instant since) {
        return commits.stream().filter(c -> c.sourceId().equals(sourceId) && c.committedAt().isAfter(since))
                .findFirst();
    }

    /** The tally of {@code good} good rows ({@code G1…}) and {@code bad} bad ones ({@code X1…}). */
    Tally tally(long good, long bad) {
        long lost = 0;
        long duplicated = 0;
        long goodRejected = 0;
        long badPublished = 0;
        for (long i = 1; i <= good; i++) {
            String no = String.format("G%09d", i);
            long seen = count(asEvent, no) + count(asReject, no);
            lost += seen == 0 ? 1 : 0;
            duplicated += Math.max(0, seen - 1);
            goodRejected += count(asReject, no) > 0 ? 1 : 0;
        }
        for (long i = 1; i <= bad; i++) {
            String no = String.format("X%09d", i);
            long seen = count(asEvent, no) + count(asReject, no);
            lost += seen == 0 ? 1 : 0;
            duplicated += Math.max(0, seen - 1);
            badPublished += count(asEvent, no) > 0 ? 1 : 0;
        }
        return new Tally(good + bad, events.get(), rejects.get(), lost, duplicated, goodRejected, badPublished);
    }

    private static long count(Map<String, AtomicLong> counts, String no) {
        AtomicLong n = counts.get(no);
        return n == null ? 0 : n.get();
    }

    /** Rows written, events and rejects seen, and what went wrong: all but the first three must be 0. */
    record Tally(long rows, long events, long rejects, long lost, long duplicated, long goodRejected,
                 long badPublished) {

        @Override
        public String toString() {
            return String.format("rows %,d = events %,d + rejects %,d: %s; lost %d, duplicated %d, good rows"
                            + " rejected %d, bad rows published %d", rows, events, rejects,
                    rows == events + rejects ? "yes" : "NO", lost, duplicated, goodRejected, badPublished);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
        consumer.close(Duration.ofSeconds(5));
    }
}
