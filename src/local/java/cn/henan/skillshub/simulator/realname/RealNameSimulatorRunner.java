package cn.henan.skillshub.simulator.realname;

import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.RunTag;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the real-name simulator at a steady rate, unless {@code skillshub.simulator.realname.enabled=false} (tests
 * write their own rows).
 */
@ConditionalOnBooleanProperty(name = "skillshub.simulator.realname.enabled", matchIfMissing = true)
public class RealNameSimulatorRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RealNameSimulatorRunner.class);
    private static final int TICKS_PER_SECOND = 5;

    private final RealNameSimulator simulator;
    private final int recordsPerSecond;
    private final String schema;
    private ScheduledExecutorService ticker;
    private final ExpectedOutcomes written = new ExpectedOutcomes();

    RealNameSimulatorRunner(@Qualifier("exchangeDataSource") DataSource exchange, ReferenceData reference,
                            @Value("${skillshub.simulator.realname.schema}") String schema,
                            @Value("${skillshub.simulator.realname.seed:20250324}") long seed,
                            @Value("${skillshub.simulator.realname.bad-share:0.05}") double badShare,
                            @Value("${skillshub.simulator.realname.records-per-second:5}") int recordsPerSecond) {
        // The run tag keeps record numbers of successive runs into the same database apart.
        this.simulator = new RealNameSimulator(exchange, schema, reference, seed, badShare, RunTag.now());
        this.recordsPerSecond = recordsPerSecond;
        this.schema = schema;
    }

    @Override
    public void start() {
        simulator.createSchema();
        written.add(simulator.openClasses());
        int perTick = Math.max(1, recordsPerSecond / TICKS_PER_SECOND);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "realname-simulator"));
        ticker.scheduleAtFixedRate(() -> {
            try {
                written.add(simulator.write(perTick));
            } catch (RuntimeException e) {
                log.warn("real-name simulator: write failed ({}); trying again next tick", e.toString());
            }
        }, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
        log.info("real-name simulator writing {} records/s into schema {}", recordsPerSecond, schema);
    }

    @Override
    public void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            log.info("real-name simulator stopped; it wrote {}", written);
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null && !ticker.isShutdown();
    }

    /** Before the hub's routes start polling, so the schema exists when they do. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
