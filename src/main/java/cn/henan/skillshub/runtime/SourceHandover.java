package cn.henan.skillshub.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What becomes of a source's transactional state when it is fenced or its leadership moves.
 *
 * <ul>
 *   <li>One instance (no cluster service): a fenced source stops, as it always did — another process has taken its
 *       transactional id, and pulling on would only fence it back.</li>
 *   <li>In a cluster: the leadership decides who pulls, the transactional id is only the safety net. A source fenced
 *       while this instance still leads it was fenced by a zombie (an instance that lost the leadership and sent
 *       one last batch): the runtime forgets the source, and the next poll opens a new producer, which fences the
 *       zombie back — nothing needs a restart. Once the cluster policy stops a source's route (the leadership went
 *       elsewhere), the runtime forgets it too, so that when the leadership comes back the source opens a new
 *       producer and reads its checkpoint from Kafka, where the other leader left it.</li>
 * </ul>
 */
@Component(SourceHandover.BEAN)
public class SourceHandover extends EventNotifierSupport {

    public static final String BEAN = "sourceHandover";
    private static final Logger log = LoggerFactory.getLogger(SourceHandover.class);

    private final SourceLeadership leadership;
    private final SourceTransactions transactions;
    private final SourceRegistry registry;

    SourceHandover(SourceLeadership leadership, SourceTransactions transactions, SourceRegistry registry) {
        this.leadership = leadership;
        this.transactions = transactions;
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeEvents(true);
    }

    /** The error policies' answer to a {@link SourceFencedException} on a source route. */
    public void fenced(Exchange exchange) {
        String sourceId = registry.sourceIdOf(exchange.getFromRouteId());
        if (!leadership.clustered()) {
            log.error("source {} stops: it is fenced, another hub instance publishes it now", sourceId);
            RouteStopper.stopRouteOf(exchange);
        } else if (leadership.leads(sourceId)) {
            log.warn("source {}: fenced by an instance that no longer leads it; this leader opens a new producer"
                    + " at its next poll and resumes from the committed checkpoint", sourceId);
            transactions.forget(sourceId);
        } else {
            log.info("source {}: fenced after its leadership went to another instance", sourceId);
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteStoppedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (!leadership.clustered()) {
            return;
        }
        String routeId = ((CamelEvent.RouteStoppedEvent) event).getRoute().getRouteId();
        registry.find(routeId).ifPresent(source -> {
            if (!leadership.leads(source.sourceId())) {
                log.info("source {}: stopped here, another instance leads it", source.routeId());
                transactions.forget(source.sourceId());
            }
        });
    }
}
