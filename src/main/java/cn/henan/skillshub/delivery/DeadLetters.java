package cn.henan.skillshub.delivery;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.kafka.KafkaConnection;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.stereotype.Component;

/**
 * The delivery dead-letter topic {@code skills.hub.delivery-dead-letters.v1}: an event a subscriber did not take,
 * unchanged, with {@code delivery_*} headers saying why; keyed by the subscriber, so one subscriber's dead letters
 * are in one partition in the order they happened. A redelivered event gets a marker record
 * ({@code delivery_status=REDELIVERED}, same {@code ce_id}); the pending dead letters of a subscriber are its dead
 * letters without a later marker. Kafka alone holds this state: nothing to lose in a restart.
 */
@Component
class DeadLetters {

    static final String SUBSCRIBER = "delivery_subscriber";
    static final String STATUS = "delivery_status";
    static final String REASON = "delivery_reason";
    static final String ATTEMPTS = "delivery_attempts";
    static final String ORIGIN = "delivery_origin";
    static final String KEY = "delivery_key";
    static final String DEAD_LETTERED = "DEAD_LETTERED";
    static final String REDELIVERED = "REDELIVERED";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    /** A dead letter still to be redelivered. */
    record DeadLetter(Event event, String reason, int attempts) {
    }

    private final KafkaConnection connection;
    private KafkaProducer<String, byte[]> producer;

    DeadLetters(KafkaConnection connection) {
        this.connection = connection;
    }

    /** Written and acknowledged ({@code acks=all}) before the route commits the event's offset. */
    void deadLetter(String subscriber, Event event, String reason, int attempts) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.DELIVERY_DEAD_LETTERS, subscriber,
                event.value());
        event.headers().forEach((name, value) -> record.headers().add(name, bytes(value)));
        record.headers().add(SUBSCRIBER, bytes(subscriber)).add(STATUS, bytes(DEAD_LETTERED))
                .add(REASON, bytes(reason)).add(ATTEMPTS, bytes(Integer.toString(attempts)))
                .add(ORIGIN, bytes(event.origin()));
        if (event.key() != null) {
            record.headers().add(KEY, bytes(event.key()));
        }
        send(record);
    }

    void markRedelivered(String subscriber, String ceId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.DELIVERY_DEAD_LETTERS, subscriber,
                new byte[0]);
        record.headers().add("ce_id", bytes(ceId)).add(SUBSCRIBER, bytes(subscriber)).add(STATUS, bytes(REDELIVERED));
        send(record);
    }

    /** The subscriber's dead letters not redelivered yet, oldest first. */
    List<DeadLetter> pending(String subscriber) {
        Map<String, DeadLetter> pending = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll()) {
            if (!subscriber.equals(record.key())) {
                continue;
            }
            String ceId = header(record, "ce_id");
            if (REDELIVERED.equals(header(record, STATUS))) {
                pending.remove(ceId);
                continue;
            }
            Map<String, String> headers = new TreeMap<>();
            for (Header h : record.headers()) {
                if (h.key().startsWith("ce_") || h.key().equals("content-type")) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            Event event = new Event(ceId, Map.copyOf(headers), header(record, KEY), record.value(),
                    header(record, ORIGIN));
            pending.remove(ceId); // dead-lettered again: the latest reason, in its new place
            pending.put(ceId, new DeadLetter(event, header(record, REASON), parse(header(record, ATTEMPTS))));
        }
        return new ArrayList<>(pending.values());
    }

    private List<ConsumerRecord<String, byte[]>> readAll() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                connection.committedReaderConfig("skills-hub-delivery-redelivery"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(Topics.DELIVERY_DEAD_LETTERS + " could not be read to its end"
                            + " within " + SEND_TIMEOUT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        records.sort(java.util.Comparator.comparingInt(ConsumerRecord<String, byte[]>::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(connection.plainProducerConfig("skills-hub-delivery-dead-letters"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer().send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + Topics.DELIVERY_DEAD_LETTERS, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(Topics.DELIVERY_DEAD_LETTERS + " did not take the record: " + e, e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int parse(String n) {
        try {
            return n == null ? 0 : Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
