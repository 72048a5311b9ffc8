package cn.henan.skillshub.simulator.evaluation;

import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.RunTag;
import cn.henan.skillshub.simulator.http.SimulatorSettings;
import cn.henan.skillshub.simulator.trainees.Assessor;
import cn.henan.skillshub.simulator.trainees.CompletedTrainee;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;

/**
 * The simulated evaluation bodies, one per body id, created when first asked for; each grows by the configured
 * number of records per second. Tests reach a body through {@link #body(String)} to write records and inject
 * faults.
 */
public class EvaluationBodySimulators implements SmartLifecycle, Assessor {

    private static final Logger log = LoggerFactory.getLogger(EvaluationBodySimulators.class);
    /** The body of routes/evaluation-body-henan-rest.yaml: the one that assesses trainees of the roster. */
    static final String ROUTED_BODY = "body-a";
    /** The body of routes/evaluation-body-ict-rest.yaml: its own spelling, paged by offset (BodySpellings.ict). */
    static final String ICT_BODY = "body-ict";
    /** Names of the bodies the local default and the tests use; any other id gets a generic name. */
    private static final Map<String, String> NAMES = Map.of(
            "body-a", "中国电子学会",
            "body-b", "工业和信息化部教育与考试中心",
            ICT_BODY, BodySpellings.ICT_NAME);

    private final ReferenceData reference;
    private final SimulatorSettings settings;
    private final String token;
    private final Map<String, EvaluationBodySimulator> bodies = new ConcurrentHashMap<>();
    private final Duration revocationDelay;
    /** Record numbers of this run: T… for the roster's trainees, G… for made-up candidates. */
    private final String runTag = RunTag.now();
    private ScheduledExecutorService ticker;

    EvaluationBodySimulators(ReferenceData reference, SimulatorSettings settings,
                             @Value("${skillshub.simulator.evaluation.token}") String token,
                             @Value("${skillshub.simulator.trainees.revocation-delay:20s}") Duration revocationDelay) {
        this.reference = reference;
        this.settings = settings;
        this.token = token;
        this.revocationDelay = revocationDelay;
    }

    @Override
    public String assessorId() {
        return ROUTED_BODY;
    }

    /** A trainee of the roster, assessed by body A; revocations follow after the configured delay. */
    @Override
    public void assess(CompletedTrainee trainee) {
        body(ROUTED_BODY).assess(trainee, "T" + runTag, revocationDelay);
    }

    public EvaluationBodySimulator body(String bodyId) {
        return bodies.computeIfAbsent(bodyId, id -> new EvaluationBodySimulator(id,
                NAMES.getOrDefault(id, "评价机构" + id.toUpperCase()), reference, settings.seed() + id.hashCode(),
                settings.badShare(), ICT_BODY.equals(id)));
    }

    ReferenceData reference() {
        return reference;
    }

    /** The API token every simulated body accepts. */
    String token() {
        return token;
    }

    @Override
    public void start() {
        body("body-a");
        body(ICT_BODY);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "evaluation-body-simulator"));
        // Revocations of the roster's trainees fall due whatever the rate of made-up records.
        ticker.scheduleWithFixedDelay(() -> bodies.values().forEach(b -> b.writeDueRevocations(Instant.now())),
                1, 1, TimeUnit.SECONDS);
        if (settings.recordsPerSecond() > 0) {
            long periodMs = Math.max(50, (long) (1000 / settings.recordsPerSecond()));
            ticker.scheduleAtFixedRate(() -> bodies.values().forEach(b -> b.write(1, "G" + runTag)), periodMs,
                    periodMs, TimeUnit.MILLISECONDS);
            log.info("evaluation-body simulator: {} records/s per body at /simulators/evaluation-body/{{bodyId}}/records",
                    settings.recordsPerSecond());
        }
    }

    @Override
    public void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            bodies.values().forEach(b -> log.info("evaluation-body simulator {}: wrote {}", b.bodyId(), b.written()));
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null && !ticker.isShutdown();
    }
}
