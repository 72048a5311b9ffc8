package cn.henan.skillshub.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The log line of a failed poll, at most once a minute per source and kind of failure: a source failing every poll
 * interval (a broker or a database down) says so once a minute with how many polls failed meanwhile, not once per
 * poll. The failure itself is counted and kept by {@link SourceTracker} every time.
 */
@Component(PollFailureLog.BEAN)
public class PollFailureLog {

    public static final String BEAN = "pollFailureLog";
    private static final Logger log = LoggerFactory.getLogger(PollFailureLog.class);
    static final Duration EVERY = Duration.ofMinutes(1);

    private record Said(Instant at, int since) {
    }

    private final SourceRegistry registry;
    private final Map<String, Said> said = new ConcurrentHashMap<>();

    PollFailureLog(SourceRegistry registry) {
        this.registry = registry;
    }

    /** The error policy's step for a failed poll. */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String kind = cause == null ? "unknown" : cause.getClass().getSimpleName();
        String source = registry.sourceIdOf(exchange.getFromRouteId());
        Instant now = Instant.now();
        Said before = said.get(source + "/" + kind);
        if (before != null && now.isBefore(before.at().plus(EVERY))) {
            said.put(source + "/" + kind, new Said(before.at(), before.since() + 1));
            return;
        }
        said.put(source + "/" + kind, new Said(now, 0));
        log.warn("source {}: poll failed ({}: {}); nothing committed, the next poll resumes from the checkpoint{}",
                source, kind, cause == null ? "" : SourceTracker.safe(String.valueOf(cause.getMessage())),
                before == null || before.since() == 0 ? ""
                        : " (" + before.since() + " more polls failed the same way since the last line about it)");
    }
}
