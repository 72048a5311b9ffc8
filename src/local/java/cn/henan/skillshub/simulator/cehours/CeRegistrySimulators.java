package cn.henan.skillshub.simulator.cehours;

import cn.henan.skillshub.simulator.RunTag;
import cn.henan.skillshub.simulator.http.SimulatorSettings;
import cn.henan.skillshub.simulator.trainees.CompletedTrainee;
import cn.henan.skillshub.simulator.trainees.TraineeListener;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;

/** The simulated CE registry of this process, its signature check, and its growth at the configured rate. */
public class CeRegistrySimulators implements SmartLifecycle, TraineeListener {

    private static final Logger log = LoggerFactory.getLogger(CeRegistrySimulators.class);

    private final CeRegistrySimulator simulator;
    private final SignatureCheck signatures;
    private final SimulatorSettings settings;
    /** Registration ids of this run: DJT… for the roster's trainees, DJG… for made-up people. */
    private final String runTag = RunTag.now();
    private ScheduledExecutorService ticker;

    CeRegistrySimulators(SimulatorSettings settings,
                         @Value("${skillshub.simulator.cehours.app-key}") String appKey,
                         @Value("${skillshub.simulator.cehours.app-secret}") String appSecret) {
        this.settings = settings;
        this.simulator = new CeRegistrySimulator(settings.seed() + 7, settings.badShare());
        this.signatures = new SignatureCheck(appKey, appSecret, Clock.systemUTC());
    }

    public CeRegistrySimulator simulator() {
        return simulator;
    }

    /** A trainee of the roster: perhaps professional hours registered from the training certificate. */
    @Override
    public void trainingCompleted(CompletedTrainee trainee) {
        simulator.registerTraining(trainee, "T" + runTag);
    }

    SignatureCheck signatures() {
        return signatures;
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ce-registry-simulator"));
        if (settings.recordsPerSecond() > 0) {
            long periodMs = Math.max(50, (long) (1000 / settings.recordsPerSecond()));
            ticker.scheduleAtFixedRate(() -> simulator.write(1, "G" + runTag), periodMs, periodMs,
                    TimeUnit.MILLISECONDS);
            log.info("CE registry simulator: {} records/s at /simulators/ce-registry/registrations",
                    settings.recordsPerSecond());
        }
    }

    @Override
    public void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            log.info("CE registry simulator: wrote {}", simulator.written());
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null && !ticker.isShutdown();
    }
}
