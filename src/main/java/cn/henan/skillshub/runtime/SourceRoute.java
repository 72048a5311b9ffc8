package cn.henan.skillshub.runtime;

import java.util.Map;

/**
 * A source as Camel runs it: a route made from a route template (one YAML entry in {@code routes/}), with its
 * parameters resolved, and the way of pulling that template stands for.
 *
 * @param routeId  the Camel route id, the id of the API
 * @param sourceId the source id of its checkpoint and transactional id (the same as the route id in our YAML)
 * @param template the route template, i.e. the way of pulling, e.g. {@code jdbc-keyset-poll}
 */
public record SourceRoute(String routeId, String sourceId, String template, Map<String, String> parameters) {

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** The source's {@code pollIntervalMs} in seconds, or 0 if it has none. */
    public double pollIntervalSeconds() {
        String interval = parameter("pollIntervalMs");
        try {
            return interval == null ? 0 : Long.parseLong(interval.strip()) / 1000.0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Never the parameters themselves: they hold resolved credentials and signing secrets. */
    @Override
    public String toString() {
        return "SourceRoute[" + routeId + ", " + template + "]";
    }
}
