package cn.henan.skillshub.supervision;

import cn.henan.skillshub.rules.PlausibleDates;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The settings of supervision ({@code skillshub.supervision.*}, see application.properties). */
@Component
class SupervisionSettings {

    private final Period grace;
    private final Duration sweepInterval;
    private final long relayIntervalMs;
    private final Clock clock = Clock.system(PlausibleDates.CHINA);

    SupervisionSettings(@Value("${skillshub.supervision.grace:P90D}") String grace,
                        @Value("${skillshub.supervision.sweep-interval:1m}") Duration sweepInterval,
                        @Value("${skillshub.supervision.relay.interval-ms:200}") long relayIntervalMs) {
        this.grace = Period.parse(grace);
        this.sweepInterval = sweepInterval;
        this.relayIntervalMs = relayIntervalMs;
    }

    /** How long a level certificate may wait for its training completion before it is a finding. */
    Period grace() {
        return grace;
    }

    Duration sweepInterval() {
        return sweepInterval;
    }

    long relayIntervalMs() {
        return relayIntervalMs;
    }

    /** The programme's days are days in China. */
    Clock clock() {
        return clock;
    }
}
