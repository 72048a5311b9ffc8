package cn.henan.skillshub.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Hears of every failed poll of a source route — the source error policy handles the exception, so the route
 * goes on and only this notifier sees it — and keeps the last one per route, for the "failing" state and the
 * counter {@code skillshub.source.poll.failures}.
 */
@Component
class SourceFailures extends EventNotifierSupport {

    // An ID number in an exception message (a driver quoting a value) must not reach the API or a metric.
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");

    record Failure(Instant at, String kind, String message) {
    }

    private final MeterRegistry registry;
    private final Map<String, Failure> last = new ConcurrentHashMap<>();

    SourceFailures(MeterRegistry registry) {
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeFailureHandledEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeFailureHandledEvent) event).getExchange();
        String routeId = exchange.getFromRouteId();
        if (routeId == null) {
            return;
        }
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String kind = cause == null ? "unknown" : cause.getClass().getSimpleName();
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        last.put(routeId, new Failure(Instant.now(), kind, safe(message)));
        Counter.builder("skillshub.source.poll.failures").description("polls of a source that failed")
                .tag("source", routeId).register(registry).increment();
    }

    /** A message fit for the API: no ID number, at most 300 characters. */
    static String safe(String message) {
        String masked = ID_NUMBER.matcher(message).replaceAll("******************");
        return masked.length() > 300 ? masked.substring(0, 300) : masked;
    }

    Optional<Failure> last(String routeId) {
        return Optional.ofNullable(last.get(routeId));
    }
}
