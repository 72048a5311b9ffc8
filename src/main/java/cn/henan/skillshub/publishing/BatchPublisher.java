package cn.henan.skillshub.publishing;

import cn.henan.skillshub.events.EventEnvelope;
import cn.henan.skillshub.events.Topics;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes a source's batch — its events, its rejects and its new checkpoint — in one Kafka transaction.
 * A crash at any point leaves either all of them or none: the source resumes from the last committed checkpoint
 * and, since event ids are deterministic, what it pulls again is the same facts, not new ones.
 */
@Component
public class BatchPublisher {

    private static final Logger log = LoggerFactory.getLogger(BatchPublisher.class);

    private final KafkaConnection kafka;
    private final CheckpointStore checkpoints;
    private final SourceMetrics metrics;
    private final Map<String, KafkaProducer<String, byte[]>> producers = new ConcurrentHashMap<>();
    private final Set<String> fenced = ConcurrentHashMap.newKeySet();

    BatchPublisher(KafkaConnection kafka, CheckpointStore checkpoints, SourceMetrics metrics) {
        this.kafka = kafka;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
    }

    /** The checkpoint a source resumes from; opening the source's producer first fences any predecessor. */
    public Checkpoint resumePoint(String sourceId) {
        if (producers.containsKey(sourceId)) {
            return checkpoints.committed(sourceId).orElseGet(() -> Checkpoint.initial(sourceId));
        }
        producer(sourceId);
        return checkpoints.readFromKafka(sourceId).orElseGet(() -> Checkpoint.initial(sourceId));
    }

    /** Publishes the batch and returns the checkpoint now committed. */
    public Checkpoint publish(SourceBatch batch, int recordsRead) {
        String sourceId = batch.sourceId();
        Checkpoint next = resumePoint(sourceId).advance(batch.nextPosition(), recordsRead,
                batch.outcomes().size() - batch.rejected(), batch.rejected());
        KafkaProducer<String, byte[]> producer = producer(sourceId);
        // Envelopes and their JSON are built before the transaction opens, on all cores (the benchmark found the
        // per-record serialisation a fifth of a batch's time); the list keeps the batch's order, so each person's
        // events are still sent, and stored, in source order.
        List<ProducerRecord<String, byte[]>> records = batch.outcomes().parallelStream()
                .map(outcome -> EventEnvelope.toRecord(outcome.event())).toList();
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, sourceId, CheckpointStore.serialise(next)));
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced.add(sourceId);
            discard(sourceId);
            throw new SourceFencedException(sourceId, e);
        } catch (OutOfOrderSequenceException | AuthorizationException e) {
            discard(sourceId);
            throw e;
        } catch (KafkaException e) {
            abort(sourceId, producer);
            throw e;
        }
        checkpoints.recordCommitted(next);
        metrics.committed(sourceId, recordsRead, batch.outcomes().size() - batch.rejected(), batch.rejected());
        return next;
    }

    public boolean isFenced(String sourceId) {
        return fenced.contains(sourceId);
    }

    /**
     * Forgets what this instance knows of a source, as a restarted process would: the next poll opens a new
     * producer (fencing the old one) and reads the checkpoint back from Kafka.
     */
    public void forget(String sourceId) {
        discard(sourceId);
        fenced.remove(sourceId);
        checkpoints.forget(sourceId);
    }

    private KafkaProducer<String, byte[]> producer(String sourceId) {
        if (fenced.contains(sourceId)) {
            throw new SourceFencedException(sourceId, null);
        }
        return producers.computeIfAbsent(sourceId, id -> {
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.sourceProducerConfig(id));
            producer.initTransactions();
            return producer;
        });
    }

    private void abort(String sourceId, KafkaProducer<String, byte[]> producer) {
        try {
            producer.abortTransaction();
            log.warn("source {}: batch aborted, nothing of it is visible; it is pulled again from the checkpoint",
                    sourceId);
        } catch (KafkaException abortFailure) {
            log.warn("source {}: abort failed ({}); the producer is replaced", sourceId, abortFailure.toString());
            discard(sourceId);
        }
    }

    private void discard(String sourceId) {
        KafkaProducer<String, byte[]> producer = producers.remove(sourceId);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    @PreDestroy
    void close() {
        producers.keySet().forEach(this::discard);
    }
}
