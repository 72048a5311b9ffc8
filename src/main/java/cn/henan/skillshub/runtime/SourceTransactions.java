package cn.henan.skillshub.runtime;

import cn.henan.skillshub.kafka.KafkaAccessDeniedException;
import cn.henan.skillshub.kafka.KafkaConnection;
import cn.henan.skillshub.events.Topics;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>A source that pulls batch after batch (a backlog) hands each one over with {@link #publishInBackground} and
 * reads and maps the next while this one is sent and committed on a publishing thread: the benchmark found the
 * source's thread idle a fifth of a batch's time waiting for the commit, and the CPU work of one batch can overlap
 * the network work of the other. Two batches per source may be in flight: the one being sent and committed, and the
 * next, ready, whose publishing thread starts it only once its predecessor has committed — so the source's thread
 * does not wait out each commit (a quarter of its time with one batch in flight, in the file path's benchmark).
 * Transactions still commit one after the other in source order, and a batch whose predecessor failed is never sent.
 */
@Component
public class SourceTransactions {

    private static final Logger log = LoggerFactory.getLogger(SourceTransactions.class);

    private final KafkaConnection kafka;
    private final CheckpointStore checkpoints;
    private final SourceTracker tracker;
    private final SourceLeadership leadership;
    private final ClusterReports reports;
    /**
     * Per source, its open producer and the checkpoint it has committed, opened, read and forgotten together: a
     * source forgotten on another thread (a test's crash, a handover) while a poll runs must not leave an open
     * producer beside an empty checkpoint, which would read as "nothing committed" and publish the source again
     * from its beginning.
     */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<String> fenced = ConcurrentHashMap.newKeySet();
    /** Per source, Kafka's last refusal and until when it stands: no new producer, no new log line, before then. */
    private final Map<String, Denied> denied = new ConcurrentHashMap<>();
    /** Per source, the last batch handed to a publishing thread, if any, and who handed it over. */
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService publishing = Executors.newCachedThreadPool(new PublishingThreads());

    SourceTransactions(KafkaConnection kafka, CheckpointStore checkpoints, SourceTracker tracker,
                       SourceLeadership leadership, ClusterReports reports) {
        this.kafka = kafka;
        this.checkpoints = checkpoints;
        this.tracker = tracker;
        this.leadership = leadership;
        this.reports = reports;
    }

    /**
     * The checkpoint a source resumes from; opening the source's producer first fences any predecessor. A batch
     * still in flight is waited for first, so a new poll never starts behind a commit that is about to land. If it
     * failed (aborted and logged where it failed), the thread that handed it over starts again from the committed
     * checkpoint here, which is what the failure asks of it; any other thread only waits, and leaves the failure
     * to the source's own thread — which must not read on past a batch that never committed.
     */
    public Checkpoint resumePoint(String sourceId) {
        InFlight pending = inFlight.get(sourceId);
        if (pending != null) {
            boolean own = pending.owner() == Thread.currentThread();
            if (own) {
                inFlight.remove(sourceId, pending);
            }
            try {
                outcomeOf(pending.commit());
            } catch (RuntimeException | Error e) {
                log.debug("source {}: the batch in flight failed ({}); resuming from the committed checkpoint",
                        sourceId, e.getClass().getSimpleName());
            }
        }
        return committedOrRead(sourceId);
    }

    /** The committed checkpoint as this instance knows it, or — with no producer open yet — as Kafka has it. */
    private Checkpoint committedOrRead(String sourceId) {
        return session(sourceId).committed;
    }

    /**
     * Once the source's route is suspended (no poll of it runs any more): its batch in flight, if any, is waited for
     * and forgotten, so that the next poll — on whatever thread Camel resumes it — starts from the committed
     * checkpoint instead of waiting for a failed batch to be taken back by a thread that no longer polls.
     */
    public void settle(String sourceId) {
        InFlight pending = inFlight.remove(sourceId);
        if (pending != null) {
            try {
                outcomeOf(pending.commit());
            } catch (RuntimeException | Error e) {
                log.debug("source {}: the batch in flight when it was paused failed ({}); the next poll starts from"
                        + " the committed checkpoint", sourceId, e.getClass().getSimpleName());
            }
        }
    }

    /** Publishes the batch and returns the checkpoint now committed. */
    public Checkpoint publish(SourceBatch batch, int recordsRead) {
        publishInBackground(batch, recordsRead);
        return awaitPublished(batch.sourceId());
    }

    /**
     * Builds the batch's Kafka records on the calling thread, waits until the batch before the source's previous one
     * has committed — throwing its failure, in which case this batch is not sent — and hands this one to a
     * publishing thread, returning at once. That thread sends and commits it as soon as the previous batch has
     * committed, and fails it unsent if the previous one failed. The caller ends with {@link #awaitPublished}.
     */
    public void publishInBackground(SourceBatch batch, int recordsRead) {
        String sourceId = batch.sourceId();
        // Envelopes and their JSON are built before the transaction opens, on all cores (the benchmark found the
        // per-record serialisation a fifth of a batch's time); the list keeps the batch's order, so each person's
        // events are still sent, and stored, in source order.
        List<ProducerRecord<String, byte[]>> records = batch.outcomes().parallelStream()
                .map(RecordOutcome::toRecord).toList();
        InFlight previous = inFlight.get(sourceId);
        if (previous != null && previous.owner() != Thread.currentThread() && previous.commit().isDone()) {
            // Handed over by a poll that has ended on another thread (Camel resumes or restarts a route's timer on
            // a new one): this poll began at resumePoint, which waited for that batch and gave the committed
            // checkpoint, so this batch does not follow it. Chaining to it would fail every batch after a failure.
            inFlight.remove(sourceId, previous);
            previous = null;
        }
        if (previous != null && previous.predecessor() != null) {
            outcomeOf(previous.predecessor());
        }
        Future<Checkpoint> predecessor = previous == null ? null : previous.commit();
        inFlight.put(sourceId, new InFlight(Thread.currentThread(), publishing.submit(() -> {
            if (predecessor != null) {
                outcomeOf(predecessor);
            }
            return send(batch, records, recordsRead);
        }), predecessor));
    }

    /**
     * Waits for the source's batch in flight and returns the checkpoint it committed (with none in flight: the
     * committed one); its failure is thrown here, on the source's own thread, for the route's error policy.
     */
    public Checkpoint awaitPublished(String sourceId) {
        InFlight pending = inFlight.remove(sourceId);
        return pending == null ? resumePoint(sourceId) : outcomeOf(pending.commit());
    }

    private static Checkpoint outcomeOf(Future<Checkpoint> pending) {
        try {
            return pending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("publishing failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was being committed", e);
        }
    }

    private Checkpoint send(SourceBatch batch, List<ProducerRecord<String, byte[]>> records, int recordsRead) {
        String sourceId = batch.sourceId();
        // Not resumePoint: that waits for the batch in flight, which is this one.
        Session session = session(sourceId);
        Checkpoint next = session.committed.advance(batch.nextPosition(), recordsRead,
                batch.outcomes().size() - batch.rejected(), batch.rejected());
        KafkaProducer<String, byte[]> producer = session.producer;
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, sourceId, CheckpointStore.serialise(next)));
            if (!leadership.leads(sourceId)) {
                // The leadership went while the batch was sent: it is not committed; the next leader pulls it.
                abort(sourceId, session);
                throw new LeadershipLostException(sourceId);
            }
            if (reports.paused(sourceId)) {
                // Paused by an operator (a command on the control topic) while this batch was read: a leader that
                // has just taken the source over may poll once before it suspends the route.
                abort(sourceId, session);
                throw new LeadershipLostException(sourceId, "it is paused");
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced.add(sourceId);
            discard(sourceId, session);
            throw new SourceFencedException(sourceId, e);
        } catch (OutOfOrderSequenceException | AuthorizationException e) {
            discard(sourceId, session);
            throw refusal(sourceId, e);
        } catch (KafkaException e) {
            abort(sourceId, session);
            RuntimeException refused = refusal(sourceId, e);
            if (refused != e) {
                discard(sourceId, session);
            }
            throw refused;
        }
        session.committed = next;
        checkpoints.recordCommitted(next);
        tracker.committed(sourceId, recordsRead, batch.outcomes().size() - batch.rejected(), batch.rejected());
        return next;
    }

    /**
     * Sets a paused source's checkpoint ({@link SourceCheckpoints}): a new producer of the source's own
     * transactional id fences every other one — a zombie's, and this instance's previous one — and commits the new
     * checkpoint alone in a transaction on {@code skills.hub.checkpoints}, keeping the source's counts.
     *
     * @return the checkpoint before, and the one committed
     */
    Checkpoint[] overwrite(String sourceId, Map<String, String> position) {
        InFlight pending = inFlight.remove(sourceId);
        if (pending != null) {
            try {
                outcomeOf(pending.commit());
            } catch (RuntimeException | Error e) {
                log.debug("source {}: the last batch failed before its checkpoint was set", sourceId);
            }
        }
        discard(sourceId);
        fenced.remove(sourceId);
        Session session = session(sourceId);
        KafkaProducer<String, byte[]> producer = session.producer;
        Checkpoint from = session.committed;
        Checkpoint to = new Checkpoint(sourceId, Map.copyOf(position), Instant.now(), from.recordsRead(),
                from.eventsPublished(), from.recordsRejected());
        try {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.CHECKPOINTS, sourceId, CheckpointStore.serialise(to)));
            producer.commitTransaction();
        } catch (KafkaException e) {
            // Whatever failed, the next poll opens a new producer and reads the checkpoint Kafka has.
            checkpoints.forget(sourceId);
            discard(sourceId, session);
            throw refusal(sourceId, e);
        }
        session.committed = to;
        checkpoints.recordCommitted(to);
        return new Checkpoint[] {from, to};
    }

    public boolean isFenced(String sourceId) {
        return fenced.contains(sourceId);
    }

    /**
     * Forgets what this instance knows of a source, as a restarted process would: the next poll opens a new
     * producer (fencing the old one) and reads the checkpoint back from Kafka.
     */
    public void forget(String sourceId) {
        // The view first: a session opened once this one is gone reads the checkpoint back into it.
        checkpoints.forget(sourceId);
        discard(sourceId);
        fenced.remove(sourceId);
    }

    /**
     * A source whose route has been stopped to be removed or replaced: its batch still in flight commits or fails
     * first (a failed one was aborted, nothing of it visible), then its producer is closed and what this instance
     * knows of it forgotten. The checkpoint stays in Kafka: the source started again under the same id opens a new
     * producer with the same transactional id (fencing anything left of the old one) and resumes from it.
     */
    public void release(String sourceId) {
        InFlight pending = inFlight.remove(sourceId);
        if (pending != null) {
            try {
                outcomeOf(pending.commit());
            } catch (RuntimeException | Error e) {
                log.info("source {}: the batch in flight when it stopped failed ({}); it is pulled again from the"
                        + " committed checkpoint when the source starts again", sourceId, e.getClass().getSimpleName());
            }
        }
        forget(sourceId);
    }

    /**
     * The source's session, opened if it has none: a new producer whose {@code initTransactions} fences any
     * predecessor and aborts what it left open, then the checkpoint read from Kafka, which only then is complete.
     */
    private Session session(String sourceId) {
        if (fenced.contains(sourceId)) {
            throw new SourceFencedException(sourceId, null);
        }
        Session open = sessions.get(sourceId);
        if (open != null) {
            return open;
        }
        if (!leadership.leads(sourceId)) {
            // Opening the producer would fence the instance that leads the source.
            throw new LeadershipLostException(sourceId);
        }
        Denied refused = denied.get(sourceId);
        if (refused != null && Instant.now().isBefore(refused.until())) {
            throw refused.failure();
        }
        return sessions.computeIfAbsent(sourceId, id -> {
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.sourceProducerConfig(id));
            Checkpoint committed;
            try {
                producer.initTransactions();
                committed = checkpoints.readFromKafka(id).orElseGet(() -> Checkpoint.initial(id));
            } catch (RuntimeException e) {
                // Without the checkpoint read, the next poll opens and reads again, never resumes from "nothing".
                producer.close(Duration.ZERO);
                throw refusal(id, e);
            }
            denied.remove(id);
            return new Session(producer, committed);
        });
    }

    /**
     * A failure as the source shows it: Kafka's refusal (a login that failed, an ACL missing) said as what is
     * missing, and remembered, so the source is not polled into a new client every tick until it may work again.
     */
    private RuntimeException refusal(String sourceId, RuntimeException failure) {
        Optional<KafkaAccessDeniedException> explained = kafka.explain(failure, sourceId);
        if (explained.isEmpty()) {
            return failure;
        }
        denied.put(sourceId, new Denied(Instant.now().plus(kafka.deniedRetryInterval()), explained.get()));
        return explained.get();
    }

    private void abort(String sourceId, Session session) {
        try {
            session.producer.abortTransaction();
            log.warn("source {}: batch aborted, nothing of it is visible; it is pulled again from the checkpoint",
                    sourceId);
        } catch (KafkaException abortFailure) {
            log.warn("source {}: abort failed ({}); the producer is replaced", sourceId, abortFailure.toString());
            discard(sourceId, session);
        }
    }

    /**
     * Closes a producer that failed. Only that one: if the source has been forgotten and a new producer opened
     * meanwhile (on another thread), the new one stays.
     */
    private void discard(String sourceId, Session session) {
        sessions.remove(sourceId, session);
        session.producer.close(Duration.ofSeconds(5));
    }

    private void discard(String sourceId) {
        Session session = sessions.remove(sourceId);
        if (session != null) {
            session.producer.close(Duration.ofSeconds(5));
        }
    }

    @PreDestroy
    void close() {
        // A batch in flight commits or fails before its producer is closed.
        inFlight.keySet().forEach(sourceId -> {
            try {
                awaitPublished(sourceId);
            } catch (RuntimeException | Error e) {
                log.warn("source {}: the last batch failed at shutdown ({}); it is pulled again at the next start",
                        sourceId, e.getClass().getSimpleName());
            }
        });
        publishing.shutdown();
        sessions.keySet().forEach(this::discard);
    }

    private record Denied(Instant until, KafkaAccessDeniedException failure) {
    }

    /** A source's producer and the checkpoint committed through it (read from Kafka when it was opened). */
    private static final class Session {
        final KafkaProducer<String, byte[]> producer;
        volatile Checkpoint committed;

        Session(KafkaProducer<String, byte[]> producer, Checkpoint committed) {
            this.producer = producer;
            this.committed = committed;
        }
    }

    /** {@code predecessor}: the batch handed over before this one, which commits first; null if none was. */
    private record InFlight(Thread owner, Future<Checkpoint> commit, Future<Checkpoint> predecessor) {
    }

    /** Daemon threads, so a batch in flight never keeps a stopping JVM alive. */
    private static final class PublishingThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger number = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "skills-hub-publisher-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
