package cn.henan.skillshub.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one error policy of every source route, Java or YAML. A failed poll is logged with its source and left:
 * nothing was committed, so the next tick pulls again from the checkpoint. The same failure poll after poll (Kafka
 * refusing the hub, a server down) is logged once and then every few minutes ({@link QuietFailures}); the
 * source's state shows it all along. A fenced source is handed to {@link SourceHandover}: alone, it stops (another
 * instance owns it); in a cluster it takes its producer back if it still leads. A batch whose leadership went
 * before its commit is not committed: the new leader pulls it.
 */
@Component
public class SourceErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "source-errors";

    private static final Logger log = LoggerFactory.getLogger(SourceErrorPolicy.class);

    /** Set on an exchange whose failure this policy has told the tracker of (the tracker's notifier skips it). */
    static final String RECORDED = "skillshub.failureRecorded";

    private final QuietFailures failures = new QuietFailures(log);
    private final SourceTracker tracker;
    private final SourceRegistry sources;

    SourceErrorPolicy(SourceTracker tracker, SourceRegistry sources) {
        this.tracker = tracker;
        this.sources = sources;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(SourceFencedException.class)
                    .handled(true)
                    .bean(SourceHandover.BEAN, "fenced")
                .end()
                .onException(LeadershipLostException.class)
                    .handled(true)
                    .log(LoggingLevel.INFO, "source ${routeId}: batch not committed (${exception.message})")
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .process(this::logFailure)
                .end();
    }

    private void logFailure(Exchange exchange) {
        String routeId = exchange.getFromRouteId();
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String kind = failure == null ? "unknown" : failure.getClass().getSimpleName();
        String message = SourceTracker.safe(failure == null || failure.getMessage() == null ? ""
                : failure.getMessage());
        if (routeId != null) {
            tracker.failed(sources.sourceIdOf(routeId), kind, failure == null ? "" : failure.getMessage());
            exchange.setProperty(RECORDED, true);
        }
        failures.warn(routeId, kind + message, "source " + routeId + ": poll failed (" + kind + ": " + message
                + "); nothing committed, the next poll resumes from the checkpoint");
    }
}
