package cn.henan.skillshub.publishing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per-source figures for operators: records pulled, events published, records rejected, polls and their
 * duration, and the age of the last committed checkpoint. Tagged by source id, never by anything personal.
 */
@Component
public class SourceMetrics {

    private final MeterRegistry registry;
    private final Map<String, Instant> lastCommit = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSuccessfulPoll = new ConcurrentHashMap<>();

    SourceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void committed(String sourceId, int read, int published, int rejected) {
        counter("skillshub.source.records.read", sourceId).increment(read);
        counter("skillshub.source.events.published", sourceId).increment(published);
        counter("skillshub.source.records.rejected", sourceId).increment(rejected);
        if (lastCommit.put(sourceId, Instant.now()) == null) {
            registry.gauge("skillshub.source.checkpoint.age.seconds",
                    io.micrometer.core.instrument.Tags.of("source", sourceId), lastCommit,
                    commits -> Duration.between(commits.get(sourceId), Instant.now()).toMillis() / 1000.0);
        }
    }

    /** A poll that ran to its end, whether or not it found records. */
    public void polled(String sourceId, Duration duration) {
        lastSuccessfulPoll.put(sourceId, Instant.now());
        Timer.builder("skillshub.source.poll.duration").tag("source", sourceId).register(registry).record(duration);
    }

    public long polls(String sourceId) {
        return Timer.builder("skillshub.source.poll.duration").tag("source", sourceId).register(registry).count();
    }

    public Instant lastSuccessfulPoll(String sourceId) {
        return lastSuccessfulPoll.get(sourceId);
    }

    private Counter counter(String name, String sourceId) {
        return Counter.builder(name).tag("source", sourceId).register(registry);
    }
}
