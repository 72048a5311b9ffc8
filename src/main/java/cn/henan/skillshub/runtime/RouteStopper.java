package cn.henan.skillshub.runtime;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops the route an exchange runs in — for a fenced source, whose instance no longer owns it. */
public final class RouteStopper {

    private static final Logger log = LoggerFactory.getLogger(RouteStopper.class);

    private RouteStopper() {
    }

    /** Stops from outside the exchange's own thread: a route cannot wait for itself to finish. */
    public static void stopRouteOf(Exchange exchange) {
        String routeId = exchange.getFromRouteId();
        CamelContext camel = exchange.getContext();
        Thread stopper = new Thread(() -> {
            try {
                camel.getRouteController().stopRoute(routeId);
            } catch (Exception e) {
                log.error("source {} could not be stopped: {}", routeId, e.toString());
            }
        }, "stop-" + routeId);
        stopper.setDaemon(true);
        stopper.start();
    }
}
