package cn.henan.skillshub.delivery;

import cn.henan.skillshub.kafka.KafkaConnection;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A subscriber's lag: the committed end of its topic (read_committed) less its group's committed offsets, summed
 * over the partitions; a partition its group never committed counts from the partition's start (a transaction's commit
 * marker at a partition's end counts as one: the figure may stay at a few when all is delivered). Asked of Kafka at
 * most once per {@code skillshub.ops.lag-cache} per subscriber; -1 while Kafka does not answer.
 */
@Component
class DeliveryLag {

    private record Reading(long lag, long at) {
    }

    private final KafkaConnection connection;
    private final long cacheNanos;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();
    private Admin admin;

    DeliveryLag(KafkaConnection connection, @Value("${skillshub.ops.lag-cache:5s}") Duration cache) {
        this.connection = connection;
        this.cacheNanos = cache.toNanos();
    }

    long lag(Subscriber subscriber) {
        Reading reading = readings.get(subscriber.id());
        if (reading == null || System.nanoTime() - reading.at() > cacheNanos) {
            reading = new Reading(read(subscriber), System.nanoTime());
            readings.put(subscriber.id(), reading);
        }
        return reading.lag();
    }

    /**
     * Whether the subscriber's group has committed every record of its topic published so far, asked of Kafka now. Not
     * {@code lag == 0}: a partition that ends with a transaction's commit marker (the settlement's relay publishes in
     * transactions) keeps an offset between the group's commit and the end that no record fills. So the records
     * between the group's committed offsets and the end are read (read_committed): caught up when there are none.
     */
    boolean caughtUp(Subscriber subscriber) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                connection.committedReaderConfig("skills-hub-delivery-caught-up-" + subscriber.id()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(subscriber.topic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(subscriber.groupId())
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                if (done == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, done.offset());
                }
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty() || System.nanoTime() > deadline) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private long read(Subscriber subscriber) {
        try {
            Admin client = admin();
            var partitions = client.describeTopics(java.util.List.of(subscriber.topic())).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(subscriber.topic()).partitions().stream()
                    .map(p -> new TopicPartition(subscriber.topic(), p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(subscriber.groupId())
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
            var ends = client.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                    committedOnly).all().get(5, TimeUnit.SECONDS);
            var starts = client.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p,
                    p -> OffsetSpec.earliest())), committedOnly).all().get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = done == null ? starts.get(partition).offset() : done.offset();
                lag += Math.max(0, ends.get(partition).offset() - from);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(connection.adminConfig());
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
