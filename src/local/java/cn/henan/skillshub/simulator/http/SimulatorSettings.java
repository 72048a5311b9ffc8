package cn.henan.skillshub.simulator.http;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;

/** Settings the HTTP simulators share: seed, growth rate, share of bad records, fault timings. */
public class SimulatorSettings {

    private final long seed;
    private final double recordsPerSecond;
    private final double badShare;
    private final SimulatedAnswer answers;

    SimulatorSettings(@Value("${skillshub.simulator.http.seed:20250324}") long seed,
                      @Value("${skillshub.simulator.http.records-per-second:1}") double recordsPerSecond,
                      @Value("${skillshub.simulator.http.bad-share:0.05}") double badShare,
                      @Value("${skillshub.simulator.http.timeout-fault-ms:30000}") long timeoutMs,
                      @Value("${skillshub.simulator.http.slow-fault-ms:3000}") long slowMs) {
        this.seed = seed;
        this.recordsPerSecond = recordsPerSecond;
        this.badShare = badShare;
        this.answers = new SimulatedAnswer(Duration.ofMillis(timeoutMs), Duration.ofMillis(slowMs));
    }

    public long seed() {
        return seed;
    }

    public double recordsPerSecond() {
        return recordsPerSecond;
    }

    public double badShare() {
        return badShare;
    }

    public SimulatedAnswer answers() {
        return answers;
    }
}
