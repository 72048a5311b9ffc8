package cn.henan.skillshub.simulator.trainees;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;

/**
 * Hands the trainees who complete training in the real-name system to the other simulators: each to one
 * evaluation body ({@link Assessor}), and to every {@link TraineeListener} (the CE registry). Runs unless
 * {@code skillshub.simulator.trainees.enabled=false}, as in tests, which drive the simulators themselves.
 *
 * <p>It starts at the database's clock when it starts: trainees left in the exchange database by earlier runs were
 * assessed then, or belong to runs whose hub is gone.
 */
@ConditionalOnBooleanProperty(name = "skillshub.simulator.trainees.enabled", matchIfMissing = true)
public class TraineeRoster implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TraineeRoster.class);
    private static final int BATCH = 500;

    private final ExchangeCompletions completions;
    private final ObjectProvider<Assessor> assessors;
    private final ObjectProvider<TraineeListener> listeners;
    private final long pollIntervalMs;
    private final AtomicLong handedOut = new AtomicLong();
    private ExchangeCompletions.Cursor cursor;
    private ScheduledExecutorService ticker;

    TraineeRoster(@Qualifier("exchangeDataSource") DataSource exchange,
                  @Value("${skillshub.simulator.realname.schema}") String schema,
                  @Value("${skillshub.simulator.trainees.lag:10s}") Duration lag,
                  @Value("${skillshub.simulator.trainees.poll-interval-ms:2000}") long pollIntervalMs,
                  ObjectProvider<Assessor> assessors, ObjectProvider<TraineeListener> listeners) {
        this.completions = new ExchangeCompletions(exchange, schema, lag);
        this.assessors = assessors;
        this.listeners = listeners;
        this.pollIntervalMs = pollIntervalMs;
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "trainee-roster"));
        // The first poll, at once, only takes the database's clock as the cursor.
        ticker.scheduleWithFixedDelay(this::poll, 0, pollIntervalMs, TimeUnit.MILLISECONDS);
        List<String> bodies = assessors.orderedStream().map(Assessor::assessorId).sorted().toList();
        log.info("trainee roster: trainees completing from now on go to the evaluation bodies {} and {} other"
                + " simulator(s)", bodies, listeners.stream().count());
    }

    private void poll() {
        try {
            if (cursor == null) {
                // The schema is the real-name simulator's to create; until it exists there is nobody to hand out.
                cursor = completions.now();
            }
            List<Assessor> bodies = assessors.orderedStream()
                    .sorted(Comparator.comparing(Assessor::assessorId)).toList();
            List<TraineeListener> others = listeners.orderedStream().toList();
            ExchangeCompletions.Batch batch;
            do {
                batch = completions.after(cursor, BATCH);
                for (CompletedTrainee trainee : batch.trainees()) {
                    if (!bodies.isEmpty()) {
                        bodies.get((int) Math.floorMod(trainee.stableHash(), (long) bodies.size())).assess(trainee);
                    }
                    others.forEach(l -> l.trainingCompleted(trainee));
                    handedOut.incrementAndGet();
                }
                cursor = batch.next();
            } while (batch.more());
        } catch (RuntimeException e) {
            log.warn("trainee roster: reading completions failed ({}); trying again in {} ms", e.toString(),
                    pollIntervalMs);
        }
    }

    @Override
    public void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
            log.info("trainee roster stopped; it handed out {} trainees", handedOut.get());
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    /** After the real-name simulator (which creates the schema) and the simulators it feeds. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }
}
