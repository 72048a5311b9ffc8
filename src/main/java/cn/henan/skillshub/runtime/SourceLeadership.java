package cn.henan.skillshub.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which sources this instance leads. With a Camel cluster service configured ({@code skillshub.cluster.directory},
 * {@link ClusterConfiguration}) every source route gets Camel's own {@link ClusteredRoutePolicy}, one namespace per
 * source id: the route runs on the instance that holds that namespace's leadership and is stopped everywhere else.
 * Nothing here elects: the cluster service does. What is not a route — the decision relay — holds a view of its
 * own namespace and asks it before each pass. A backfill or a replay of a source ({@code <source>.backfill},
 * {@code <source>.replay}) is led by whoever leads the source.
 *
 * <p>Without a cluster service (one instance: the local default, most tests) this instance leads everything and no
 * policy is added, so the routes start as they always did.
 *
 * <p>{@link SourceTransactions} asks {@link #leads} before it opens a producer (which would fence the real leader)
 * and before each commit: a batch in flight when the leadership goes is aborted, not committed.
 */
@Component
public class SourceLeadership implements RoutePolicyFactory {

    private static final Logger log = LoggerFactory.getLogger(SourceLeadership.class);
    private static final String SOURCE_ID = "sourceId";
    private static final String[] LED_BY_THE_SOURCE = {".backfill", ".replay"};

    private final Optional<CamelClusterService> cluster;
    /** The policies of the source routes, by source id. */
    private final Map<String, ClusteredRoutePolicy> policies = new ConcurrentHashMap<>();
    /** Views this class holds itself, for what is no route (the decision relay). */
    private final Map<String, CamelClusterView> views = new ConcurrentHashMap<>();

    SourceLeadership(ObjectProvider<CamelClusterService> cluster) {
        this.cluster = Optional.ofNullable(cluster.getIfAvailable());
    }

    /** True when instances share the sources through a cluster service. */
    public boolean clustered() {
        return cluster.isPresent();
    }

    /** This instance's id in the cluster (the cluster service's id), or "standalone". */
    public String instanceId() {
        return cluster.map(CamelClusterService::getId).orElse("standalone");
    }

    /**
     * Whether this instance leads the source (or the relay, or the source a backfill or replay id belongs to) now.
     * Always true without a cluster service.
     */
    public boolean leads(String sourceId) {
        if (cluster.isEmpty()) {
            return true;
        }
        String namespace = namespaceOf(sourceId);
        ClusteredRoutePolicy policy = policies.get(namespace);
        if (policy != null) {
            // Both: Camel 4.18's view tells its listeners nothing when it is stopped (a hand-back, letGo), so the
            // policy believes it leads a source whose lock this instance has let go until the view is started again.
            return policy.isLeader() && viewLeads(namespace);
        }
        return viewLeads(namespace);
    }

    private boolean viewLeads(String namespace) {
        return view(namespace).map(view -> view.getLocalMember().isLeader()).orElse(false);
    }

    /** Whether the source is led through the cluster service here (a route under its policy). */
    boolean underPolicy(String sourceId) {
        return policies.containsKey(sourceId);
    }

    /** Whether this instance's view of the source holds its lock. */
    boolean holdsLock(String sourceId) {
        return cluster.isPresent() && viewLeads(sourceId);
    }

    /**
     * Stops this instance's view of the source: the cluster service releases the lock (a leader's heartbeat file
     * is emptied, so a follower tries the lock at its next look) and this instance tries it no more until
     * {@link #rejoin}. The caller has stopped the route first.
     */
    void letGo(String sourceId) {
        try {
            cluster.orElseThrow().stopView(sourceId);
        } catch (Exception e) {
            throw new IllegalStateException("cluster view " + sourceId + " could not be stopped", e);
        }
    }

    /** Starts this instance's view of the source again: it follows, and tries the lock once the heartbeat is stale. */
    void rejoin(String sourceId) {
        try {
            cluster.orElseThrow().startView(sourceId);
        } catch (Exception e) {
            throw new IllegalStateException("cluster view " + sourceId + " could not be started", e);
        }
    }

    private Optional<CamelClusterView> view(String namespace) {
        try {
            return Optional.of(views.computeIfAbsent(namespace, ns -> {
                try {
                    // getView counts a reference each call: taken once per namespace, held while the hub runs.
                    return cluster.orElseThrow().getView(ns);
                } catch (Exception e) {
                    throw new IllegalStateException("cluster view " + ns + " not available", e);
                }
            }));
        } catch (IllegalStateException e) {
            log.warn("{}: {}", namespace, e.getMessage());
            return Optional.empty();
        }
    }

    private String namespaceOf(String sourceId) {
        if (policies.containsKey(sourceId)) {
            return sourceId;
        }
        for (String suffix : LED_BY_THE_SOURCE) {
            if (sourceId.endsWith(suffix)) {
                return sourceId.substring(0, sourceId.length() - suffix.length());
            }
        }
        return sourceId;
    }

    /**
     * Camel asks this for every route it adds: a route made from a source template gets the cluster service's
     * {@link ClusteredRoutePolicy} for its source id; any other route, and every route without a cluster service,
     * none.
     */
    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode route) {
        if (cluster.isEmpty() || !(route instanceof RouteDefinition definition)
                || definition.getTemplateParameters() == null) {
            return null;
        }
        Object sourceId = definition.getTemplateParameters().get(SOURCE_ID);
        if (sourceId == null) {
            return null;
        }
        String namespace = camel.resolvePropertyPlaceholders(sourceId.toString());
        try {
            ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(cluster.get(), namespace);
            policy.setCamelContext(camel);
            policies.put(namespace, policy);
            log.info("source {}: led through the cluster service (namespace {})", routeId, namespace);
            return policy;
        } catch (Exception e) {
            throw new IllegalStateException("source " + routeId + ": no cluster policy", e);
        }
    }
}
