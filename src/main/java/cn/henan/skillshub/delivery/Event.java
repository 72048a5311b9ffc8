package cn.henan.skillshub.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * One event as a delivery route read it: its value (the canonical JSON, unchanged), its CloudEvents headers
 * ({@code ce_*}, {@code content-type}), its Kafka key and where it was read ({@code topic/partition/offset}).
 */
record Event(String ceId, Map<String, String> headers, String key, byte[] value, String origin) {

    static Event of(Message message) {
        Map<String, String> headers = new TreeMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.startsWith("ce_") || name.equals("content-type")) {
                headers.put(name, value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                        : String.valueOf(value));
            }
        });
        String origin = message.getHeader(KafkaConstants.TOPIC, String.class) + "/"
                + message.getHeader(KafkaConstants.PARTITION, Integer.class) + "/"
                + message.getHeader(KafkaConstants.OFFSET, Long.class);
        byte[] value = message.getBody(byte[].class);
        return new Event(headers.get("ce_id"), Map.copyOf(headers), message.getHeader(KafkaConstants.KEY, String.class),
                value == null ? new byte[0] : value, origin);
    }

    String header(String name) {
        return headers.get(name);
    }
}
