package cn.henan.skillshub.delivery;

import java.util.Map;

/**
 * A subscriber as its routes/ file declares it, parameters resolved (secrets included: never log or show them).
 *
 * @param id       the subscriber id ({@code subscriberId}), its metrics tag and dead-letter key
 * @param template the route template it instantiates
 * @param topic    the topic its route reads
 * @param groupId  the consumer group its route reads in (its committed offsets are its progress)
 */
record Subscriber(String id, String template, String topic, String groupId, Map<String, String> parameters) {

    String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("subscriber " + id + ": no parameter " + name);
        }
        return value;
    }

    int intParameter(String name) {
        return Integer.parseInt(parameter(name).trim());
    }
}
