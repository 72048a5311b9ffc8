package cn.henan.skillshub.delivery;

import cn.henan.skillshub.events.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.camel.RouteTemplateContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The subscribers of this hub, one per routes/ file that instantiates a delivery template. The template's
 * configurer ({@link #registration}) checks each at start, before its route exists: a topic that is not one of
 * {@code kafka/topics.yaml}, a consumer group outside {@code skills-hub-delivery-} (or another subscriber's), a
 * missing credential or a malformed setting refuses the start with a message naming the subscriber and the
 * parameter — never the secret.
 */
@Component
public class Subscribers {

    private static final Logger log = LoggerFactory.getLogger(Subscribers.class);
    static final String GROUP_PREFIX = "skills-hub-delivery-";
    private static final Set<String> TOPICS = topics();

    /** Hears of each subscriber registered (metrics, lag). */
    interface Listener {
        void added(Subscriber subscriber);
    }

    private final Map<String, Subscriber> byId = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * The configurer of a delivery template: resolves the parameters over the template's {@code defaults}, checks
     * the common ones and then the template's own ({@code check} throws {@link IllegalArgumentException}).
     */
    Consumer<RouteTemplateContext> registration(String template, Map<String, String> defaults,
                                                BiConsumer<String, Map<String, String>> check) {
        return context -> {
            Map<String, String> parameters = new LinkedHashMap<>(defaults);
            context.getParameters().forEach((name, value) -> {
                if (value != null) {
                    parameters.put(name, context.getCamelContext().resolvePropertyPlaceholders(value.toString()));
                }
            });
            String id = parameters.getOrDefault("subscriberId", "").trim();
            if (id.isEmpty()) {
                throw new IllegalArgumentException("a route of template " + template + " needs a subscriberId");
            }
            String topic = parameters.getOrDefault("topic", "").trim();
            if (!TOPICS.contains(topic)) {
                throw new IllegalArgumentException("subscriber " + id + ": topic '" + topic + "' is not a topic of"
                        + " kafka/topics.yaml (one of " + TOPICS + ")");
            }
            String group = parameters.getOrDefault("groupId", "").trim();
            if (!group.startsWith(GROUP_PREFIX) || group.length() == GROUP_PREFIX.length()) {
                throw new IllegalArgumentException("subscriber " + id + ": groupId '" + group + "' must start with "
                        + GROUP_PREFIX + " (a group of its own, never the settlement's or supervision's)");
            }
            check.accept(id, parameters);
            Subscriber subscriber = new Subscriber(id, template, topic, group, Map.copyOf(parameters));
            Subscriber before = byId.get(id);
            if (before != null && !before.equals(subscriber)) {
                throw new IllegalArgumentException("subscriber " + id + " is declared twice (two routes/ files)");
            }
            byId.values().stream().filter(s -> !s.id().equals(id) && s.groupId().equals(group)).findFirst()
                    .ifPresent(other -> {
                        throw new IllegalArgumentException("subscriber " + id + ": groupId " + group
                                + " is subscriber " + other.id() + "'s already");
                    });
            byId.put(id, subscriber);
            log.info("subscriber {} registered ({}, topic {}, group {})", id, template, topic, group);
            listeners.forEach(l -> l.added(subscriber));
        };
    }

    void listen(Listener listener) {
        listeners.add(listener);
        byId.values().forEach(listener::added);
    }

    List<Subscriber> all() {
        return byId.values().stream().sorted(Comparator.comparing(Subscriber::id)).toList();
    }

    Optional<Subscriber> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** A required parameter that is blank (an environment variable not set) refuses the start, by name. */
    static String required(String id, Map<String, String> parameters, String name, String what) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("subscriber " + id + ": parameter " + name + " (" + what
                    + ") is missing or empty; its routes/ file names the setting that provides it");
        }
        return value.trim();
    }

    static int positive(String id, Map<String, String> parameters, String name) {
        String value = required(id, parameters, name, "a number");
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("subscriber " + id + ": parameter " + name + " must be a whole number"
                + " >= 0, not '" + value + "'");
    }

    private static Set<String> topics() {
        Set<String> names = new TreeSet<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    static Map<String, String> defaults(String[][] table) {
        Map<String, String> map = new HashMap<>();
        for (String[] row : table) {
            if (row[1] != null) {
                map.put(row[0], row[1]);
            }
        }
        return map;
    }
}
