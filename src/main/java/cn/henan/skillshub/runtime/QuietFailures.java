package cn.henan.skillshub.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a failure that repeats once, not at every poll: the first time, whenever its message changes, and then at
 * most once per {@link #EVERY} with the number of repeats in between. A source that Kafka refuses, or whose server
 * is down, polls every second; its log says so a few times an hour, not three thousand.
 */
public final class QuietFailures {

    static final Duration EVERY = Duration.ofMinutes(5);

    private record Last(String message, Instant loggedAt, int repeats) {
    }

    private final Logger log;
    private final Map<String, Last> last = new ConcurrentHashMap<>();

    public QuietFailures(Logger log) {
        this.log = log;
    }

    /** Logs {@code line} (already free of secrets and ID numbers) as a warning unless it is a recent repeat. */
    public void warn(String key, String message, String line) {
        Instant now = Instant.now();
        Last[] logged = new Last[1];
        last.compute(key, (k, previous) -> {
            if (previous == null || !previous.message().equals(message)
                    || Duration.between(previous.loggedAt(), now).compareTo(EVERY) >= 0) {
                logged[0] = previous == null ? new Last(message, now, 0) : previous;
                return new Last(message, now, 0);
            }
            return new Last(previous.message(), previous.loggedAt(), previous.repeats() + 1);
        });
        if (logged[0] != null) {
            Last before = logged[0];
            if (before.repeats() > 0 && before.message().equals(message)) {
                log.warn("{} (repeated {} times since {})", line, before.repeats(), before.loggedAt());
            } else {
                log.warn(line);
            }
        }
    }

    /** The failure is over: the next one is logged at once. */
    public void cleared(String key) {
        last.remove(key);
    }
}
