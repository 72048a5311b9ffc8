package cn.henan.skillshub.benchmark;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Steady-state latency: rows written into the source at a steady rate, each timed from just before its INSERT to
 * the moment a {@code read_committed} consumer sees its event. Paced by the clock, not by sleeps of a fixed length,
 * so a slow write is caught up and the rate holds.
 */
final class Trickle {

    record Result(long written, long seen, int ratePerSecond, Duration duration, double p50Ms, double p99Ms,
                  double maxMs) {
    }

    private static final long TICK_MS = 10;

    private Trickle() {
    }

    static Result run(ExchangeLoader source, CommittedCounter counter, int ratePerSecond, Duration duration)
            throws Exception {
        Map<String, Long> writtenAt = new ConcurrentHashMap<>();
        Histogram latencyMicros = new Histogram(TimeUnitMicros.HOUR, 3);
        AtomicLong seen = new AtomicLong();
        counter.listen((subject, nanos) -> {
            Long started = subject.startsWith("enrolment/") ? writtenAt.remove(subject.substring(10)) : null;
            if (started != null) {
                synchronized (latencyMicros) {
                    latencyMicros.recordValue(Math.max(0, (nanos - started) / 1_000));
                }
                seen.incrementAndGet();
            }
        });
        long written = 0;
        long t0 = System.nanoTime();
        try (ExchangeLoader.TrickleWriter writer = source.trickleWriter()) {
            while (System.nanoTime() - t0 < duration.toNanos()) {
                long due = (System.nanoTime() - t0) * ratePerSecond / 1_000_000_000L - written;
                if (due > 0) {
                    long started = System.nanoTime();
                    written += writer.write((int) Math.min(due, ratePerSecond), no -> writtenAt.put(no, started));
                }
                Thread.sleep(TICK_MS);
            }
        }
        // The last rows wait for the next poll: wait for their events, with a limit.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.get() < written && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        counter.listen(null);
        synchronized (latencyMicros) {
            return new Result(written, seen.get(), ratePerSecond, duration,
                    latencyMicros.getValueAtPercentile(50) / 1000.0, latencyMicros.getValueAtPercentile(99) / 1000.0,
                    latencyMicros.getMaxValue() / 1000.0);
        }
    }

    private static final class TimeUnitMicros {
        static final long HOUR = 3_600_000_000L;
    }
}
