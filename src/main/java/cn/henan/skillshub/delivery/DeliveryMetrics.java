package cn.henan.skillshub.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Each subscriber's delivery figures, in Prometheus as {@code skillshub_delivery_*{subscriber=…}}: events
 * delivered (an HTTP push taken, a decision's row in a file written), failed attempts (5xx, timeout, refused
 * connection, an open breaker is not an attempt), dead-lettered, redelivered, files written, and the lag (records of
 * its topic its group has not committed yet). Counts are since this instance started; the lag is Kafka's.
 */
@Component
class DeliveryMetrics {

    /** One subscriber's counts, as the API and the console show them. */
    record Counts(double delivered, double failed, double deadLettered, double redelivered, double filesWritten) {
    }

    private final MeterRegistry registry;
    private final DeliveryLag lag;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry, DeliveryLag lag, Subscribers subscribers) {
        this.registry = registry;
        this.lag = lag;
        subscribers.listen(this::register);
    }

    private void register(Subscriber subscriber) {
        for (String name : new String[] {"delivered", "failed", "dead_lettered", "redelivered", "files_written"}) {
            counter(subscriber.id(), name);
        }
        Gauge.builder("skillshub.delivery.lag", lag, l -> l.lag(subscriber))
                .description("records of the subscriber's topic its consumer group has not committed")
                .tag("subscriber", subscriber.id()).register(registry);
    }

    void delivered(String subscriber, int n) {
        counter(subscriber, "delivered").increment(n);
    }

    void failed(String subscriber) {
        counter(subscriber, "failed").increment();
    }

    void deadLettered(String subscriber) {
        counter(subscriber, "dead_lettered").increment();
    }

    void redelivered(String subscriber) {
        counter(subscriber, "redelivered").increment();
    }

    void fileWritten(String subscriber) {
        counter(subscriber, "files_written").increment();
    }

    Counts counts(String subscriber) {
        return new Counts(counter(subscriber, "delivered").count(), counter(subscriber, "failed").count(),
                counter(subscriber, "dead_lettered").count(), counter(subscriber, "redelivered").count(),
                counter(subscriber, "files_written").count());
    }

    private Counter counter(String subscriber, String name) {
        return counters.computeIfAbsent(subscriber + "/" + name, k -> Counter.builder("skillshub.delivery." + name)
                .description("delivery: " + name.replace('_', ' ') + " (since start)")
                .tag("subscriber", subscriber).register(registry));
    }
}
