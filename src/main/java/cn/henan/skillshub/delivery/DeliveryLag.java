package cn.henan.skillshub.delivery;

import cn.henan.skillshub.kafka.KafkaConnection;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A subscriber's lag: the committed end of its topic (read_committed) less its group's committed offsets, summed
 * over the partitions; a partition its group never committed counts from the partition's start. Asked of Kafka at
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

    /** Asked of Kafka now, not cached: 0 when every record of the topic so far was committed by its group. */
    long lagNow(Subscriber subscriber) {
        long lag = read(subscriber);
        readings.put(subscriber.id(), new Reading(lag, System.nanoTime()));
        return lag;
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
