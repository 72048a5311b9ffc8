package cn.henan.skillshub.runtime;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every source this hub runs, with its way of pulling. A route template says what it instantiates: its
 * {@link #registration} is the template's configurer, which Camel calls each time it makes a route from the
 * template (a YAML {@code templatedRoute}, a test's {@code TemplatedRouteBuilder}); when Camel then adds the route,
 * the source is known with its route id and resolved parameters. A route removed (a YAML file taken away or
 * replaced while the hub runs) is a source removed. Listeners hear of both, so gauges and the like follow the
 * sources rather than a list fixed at start.
 */
@Component
public class SourceRegistry extends LifecycleStrategySupport {

    private static final Logger log = LoggerFactory.getLogger(SourceRegistry.class);
    private static final String SOURCE_ID = "sourceId";

    /** Hears of sources added and removed. */
    public interface Listener {
        void added(SourceRoute source);

        default void removed(SourceRoute source) {
        }
    }

    /** The ways of pulling of the sources being instantiated, by source id, until Camel adds their routes. */
    private final Map<String, WayOfPulling> instantiating = new ConcurrentHashMap<>();
    private final Map<String, WayOfPulling> ways = new ConcurrentHashMap<>();
    private final Map<String, SourceRoute> byRouteId = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * The configurer of a route template ({@code routeTemplate(...).configure(registry.registration(way))}): each
     * route made from it is a source pulled by {@code way}.
     */
    public Consumer<RouteTemplateContext> registration(WayOfPulling way) {
        ways.put(way.template(), way);
        return context -> {
            Object sourceId = context.getParameters().get(SOURCE_ID);
            if (sourceId == null) {
                throw new IllegalArgumentException("a route of template " + way.template() + " needs a sourceId");
            }
            instantiating.put(context.getCamelContext().resolvePropertyPlaceholders(sourceId.toString()), way);
        };
    }

    public void listen(Listener listener) {
        listeners.add(listener);
        byRouteId.values().forEach(listener::added);
    }

    @Override
    public void onRoutesAdd(Collection<Route> routes) {
        for (Route route : routes) {
            if (!route.isCreatedByRouteTemplate()) {
                continue;
            }
            describe(route).ifPresent(source -> {
                byRouteId.put(source.routeId(), source);
                log.info("source {} registered ({})", source.routeId(), source.template());
                listeners.forEach(listener -> listener.added(source));
            });
        }
    }

    @Override
    public void onRoutesRemove(Collection<Route> routes) {
        for (Route route : routes) {
            SourceRoute source = byRouteId.remove(route.getRouteId());
            if (source != null) {
                log.info("source {} removed", source.routeId());
                listeners.forEach(listener -> listener.removed(source));
            }
        }
    }

    public List<SourceRoute> all() {
        return byRouteId.values().stream().sorted(Comparator.comparing(SourceRoute::routeId)).toList();
    }

    public Optional<SourceRoute> find(String routeId) {
        return Optional.ofNullable(routeId == null ? null : byRouteId.get(routeId));
    }

    /** The source route whose checkpoint and rejects carry this source id. */
    public Optional<SourceRoute> bySourceId(String sourceId) {
        return byRouteId.values().stream().filter(s -> s.sourceId().equals(sourceId)).findFirst();
    }

    /** The source id of a route, or the route id itself for a route that is no registered source. */
    public String sourceIdOf(String routeId) {
        SourceRoute source = routeId == null ? null : byRouteId.get(routeId);
        return source == null ? routeId : source.sourceId();
    }

    public WayOfPulling way(SourceRoute source) {
        WayOfPulling way = ways.get(source.template());
        if (way == null) {
            throw new IllegalStateException("source " + source.routeId() + ": no way of pulling " + source.template());
        }
        return way;
    }

    private Optional<SourceRoute> describe(Route route) {
        CamelContext camel = route.getCamelContext();
        RouteDefinition definition = camel.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteDefinition(route.getRouteId());
        if (definition == null) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        resolve(camel, definition.getTemplateDefaultParameters(), parameters);
        resolve(camel, definition.getTemplateParameters(), parameters);
        String sourceId = parameters.get(SOURCE_ID);
        WayOfPulling way = sourceId == null ? null : instantiating.remove(sourceId);
        if (way == null) {
            return Optional.empty();
        }
        return Optional.of(new SourceRoute(route.getRouteId(), sourceId, way.template(), Map.copyOf(parameters)));
    }

    private static void resolve(CamelContext camel, Map<String, Object> from, Map<String, String> into) {
        if (from != null) {
            from.forEach((name, value) -> {
                if (value != null) {
                    into.put(name, camel.resolvePropertyPlaceholders(value.toString()));
                }
            });
        }
    }
}
