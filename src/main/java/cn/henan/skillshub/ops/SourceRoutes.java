package cn.henan.skillshub.ops;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.springframework.stereotype.Component;

/**
 * Finds the source routes among Camel's routes. Whatever template a colleague adds (REST page poll, SFTP file
 * drop), its routes are sources here as soon as the template has a {@code sourceId} parameter.
 */
@Component
class SourceRoutes {

    private final CamelContext camel;

    SourceRoutes(CamelContext camel) {
        this.camel = camel;
    }

    List<SourceRoute> all() {
        return camel.getRoutes().stream()
                .filter(Route::isCreatedByRouteTemplate)
                .map(this::describe)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(SourceRoute::routeId))
                .toList();
    }

    Optional<SourceRoute> find(String routeId) {
        Route route = camel.getRoute(routeId);
        return route == null || !route.isCreatedByRouteTemplate() ? Optional.empty()
                : Optional.ofNullable(describe(route));
    }

    /** The source route whose checkpoint and rejects carry this source id. */
    Optional<SourceRoute> bySourceId(String sourceId) {
        return all().stream().filter(s -> s.sourceId().equals(sourceId)).findFirst();
    }

    private SourceRoute describe(Route route) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        RouteDefinition definition = model.getRouteDefinition(route.getRouteId());
        if (definition == null) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        resolve(definition.getTemplateDefaultParameters(), parameters);
        resolve(definition.getTemplateParameters(), parameters);
        String sourceId = parameters.get("sourceId");
        if (sourceId == null) {
            return null;
        }
        return new SourceRoute(route.getRouteId(), sourceId, templateOf(model, definition, parameters),
                Map.copyOf(parameters));
    }

    /**
     * The id of the template the route was made from. Camel keeps no link from a templated route to its template
     * (only the parameters), so where it gives no {@code templateId} parameter the template is the one whose
     * declared parameters are exactly those the route was given.
     */
    private static String templateOf(Model model, RouteDefinition definition, Map<String, String> parameters) {
        String declared = parameters.get(RouteTemplateParameterSource.TEMPLATE_ID);
        if (declared == null && definition.getRouteTemplateContext() != null) {
            Object fromContext = definition.getRouteTemplateContext().getParameters()
                    .get(RouteTemplateParameterSource.TEMPLATE_ID);
            declared = fromContext == null ? null : fromContext.toString();
        }
        if (declared != null) {
            return declared;
        }
        List<String> matching = model.getRouteTemplateDefinitions().stream()
                .filter(t -> t.getTemplateParameters() != null && fits(t.getTemplateParameters(), parameters.keySet()))
                .map(RouteTemplateDefinition::getId)
                .toList();
        return matching.size() == 1 ? matching.get(0) : "";
    }

    /**
     * Every parameter given is declared by the template, and every one it requires is given. Camel adds a
     * kebab-case twin of each parameter ({@code source-id} beside {@code sourceId}); those are not compared.
     */
    private static boolean fits(List<RouteTemplateParameterDefinition> declared, java.util.Set<String> givenAll) {
        java.util.Set<String> given = givenAll.stream().filter(n -> !n.contains("-")).collect(Collectors.toSet());
        java.util.Set<String> names = declared.stream().map(RouteTemplateParameterDefinition::getName)
                .collect(Collectors.toSet());
        return names.containsAll(given) && declared.stream()
                .filter(p -> p.getDefaultValue() == null && !Boolean.FALSE.toString().equals(p.getRequired()))
                .allMatch(p -> given.contains(p.getName()));
    }

    private void resolve(Map<String, Object> from, Map<String, String> into) {
        if (from != null) {
            from.forEach((name, value) -> {
                if (value != null) {
                    into.put(name, camel.resolvePropertyPlaceholders(value.toString()));
                }
            });
        }
    }
}
