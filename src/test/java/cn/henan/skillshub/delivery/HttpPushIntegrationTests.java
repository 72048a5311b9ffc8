package cn.henan.skillshub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import cn.henan.skillshub.support.TopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The {@code http-push} template end to end: subsidy decisions on the decisions topic → a route of the template
 * (camel-kafka, read_committed, manual commit) → a real HTTP endpoint that answers 500, 400 or times out on
 * command. Each test instantiates its own subscriber (its own group, reading the topic from the start) and tells its
 * events apart by its own person keys; other tests' decisions it is pushed too are simply taken (200).
 */
@HubIntegrationTest
class HttpPushIntegrationTests {

    private static final String SECRET = "test-push-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CamelContext camel;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @LocalServerPort
    int port;

    /** This test's routes, removed after it: its receiver is gone, and they would go on reading the topic. */
    private final List<String> routes = new ArrayList<>();

    @AfterEach
    void removeRoutes() throws Exception {
        for (String routeId : routes) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }

    @Test
    void aRefusedEventIsDeadLetteredAtOnce_failuresAreRetriedWithBackoff_orderPerKeyHolds_andOpsRedelivers()
            throws Exception {
        String tag = tag();
        try (FaultyReceiver receiver = new FaultyReceiver(SECRET, 1500);
             DecisionEvents decisions = new DecisionEvents(bootstrapServers)) {
            List<CanonicalEvent> events = events(tag, 20, 2);
            String refused = events.get(4).id();       // answered 400: dead-lettered at once
            String flaky = events.get(7).id();         // 503 twice, then taken
            String slow = events.get(11).id();         // times out once, then taken
            String broken = events.get(14).id();       // 500 every time: dead-lettered after the retries
            Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
            Set<String> fixed = ConcurrentHashMap.newKeySet();
            receiver.answers = ceId -> {
                int n = tries.computeIfAbsent(String.valueOf(ceId), k -> new AtomicInteger()).incrementAndGet();
                if (fixed.contains(ceId)) {
                    return 200;
                }
                if (ceId.equals(refused)) {
                    return 400;
                }
                if (ceId.equals(broken)) {
                    return 500;
                }
                if (ceId.equals(flaky) && n <= 2) {
                    return 503;
                }
                if (ceId.equals(slow) && n == 1) {
                    return FaultyReceiver.TIMEOUT;
                }
                return 200;
            };
            String subscriber = "test-push-" + tag;
            routes.add(addRoute(subscriber, receiver.url(), "binary", 3));
            events.forEach(decisions::publish);

            Set<String> ours = events.stream().map(CanonicalEvent::id).collect(Collectors.toSet());
            Set<String> expected = new HashSet<>(ours);
            expected.removeAll(Set.of(refused, broken));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(taken(receiver, ours)).containsAll(expected);
                assertThat(pendingDeadLetters(subscriber)).containsOnlyKeys(refused, broken);
            });
            Map<String, String> reasons = pendingDeadLetters(subscriber);
            assertThat(reasons.get(refused)).isEqualTo("HTTP 400 (refused, not retried)");
            assertThat(reasons.get(broken)).isEqualTo("HTTP 500 after 4 attempts");
            assertThat(tries.get(refused).get()).isEqualTo(1);
            assertThat(tries.get(broken).get()).isEqualTo(4);
            assertThat(tries.get(flaky).get()).isEqualTo(3);
            assertThat(tries.get(slow).get()).isEqualTo(2);
            assertThat(receiver.pushes()).allMatch(FaultyReceiver.Push::signed, "signed with the shared secret");

            // Binary mode: the event's JSON as it is on Kafka, its attributes as ce-* headers.
            FaultyReceiver.Push first = receiver.pushes().stream().filter(p -> p.ceId().equals(events.get(0).id()))
                    .findFirst().orElseThrow();
            assertThat(first.ceHeaders()).containsEntry("ce-type", "skills.subsidy.decided.v1")
                    .containsEntry("ce-specversion", "1.0").containsKey("ce-dataschema");
            assertThat(first.contentType()).isEqualTo("application/json");
            assertThat(JSON.readTree(first.body()).get("personKey").asText()).isEqualTo(events.get(0).key());

            // Order per key: each person's events were taken in the order they were published.
            for (String key : events.stream().map(CanonicalEvent::key).distinct().toList()) {
                List<String> published = events.stream().filter(e -> e.key().equals(key)).map(CanonicalEvent::id)
                        .filter(expected::contains).toList();
                assertThat(taken(receiver, ours).stream().filter(published::contains).toList()).isEqualTo(published);
            }

            // Metrics per subscriber.
            String prometheus = new HubApi(port).getText("/actuator/prometheus", TestApiKeys.OPS).body();
            assertThat(prometheus).contains("skillshub_delivery_dead_lettered_total{application=\"skills-hub\","
                    + "subscriber=\"" + subscriber + "\"} 2.0");
            assertThat(metric(prometheus, "skillshub_delivery_failed_total", subscriber)).isGreaterThanOrEqualTo(6);

            // The receiver is fixed; OPS redelivers, once.
            fixed.addAll(List.of(refused, broken));
            HubApi api = new HubApi(port);
            assertThat(api.post("/api/v1/deliveries/" + subscriber + "/redeliver", TestApiKeys.AUDITOR, "{}")
                    .statusCode()).isEqualTo(403);
            JsonNode result = HubApi.json(api.post("/api/v1/deliveries/" + subscriber + "/redeliver",
                    TestApiKeys.OPS, "{}"));
            assertThat(result.get("pending").asInt()).isEqualTo(2);
            assertThat(result.get("redelivered").asInt()).isEqualTo(2);
            assertThat(taken(receiver, ours)).containsAll(ours);
            JsonNode again = HubApi.json(api.post("/api/v1/deliveries/" + subscriber + "/redeliver",
                    TestApiKeys.OPS, "{}"));
            assertThat(again.get("pending").asInt()).isZero();
            JsonNode listed = HubApi.json(api.get("/api/v1/deliveries", TestApiKeys.AUDITOR));
            JsonNode mine = null;
            for (JsonNode s : listed) {
                if (s.get("subscriber").asText().equals(subscriber)) {
                    mine = s;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.get("redelivered").asInt()).isEqualTo(2);
            assertThat(mine.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void aReceiverOutageAndARestartOfTheRouteLoseNothing_structuredMode() throws Exception {
        String tag = tag();
        try (FaultyReceiver receiver = new FaultyReceiver(SECRET, 1500);
             DecisionEvents decisions = new DecisionEvents(bootstrapServers)) {
            receiver.idOfBody = body -> {
                try {
                    return JSON.readTree(body).get("id").asText();
                } catch (Exception e) {
                    return null;
                }
            };
            List<CanonicalEvent> events = events(tag, 12, 3);
            Set<String> ours = events.stream().map(CanonicalEvent::id).collect(Collectors.toSet());
            // Up for the first four of ours, then down (503) until told otherwise.
            Set<String> takenBeforeOutage = ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(false);
            receiver.answers = ceId -> {
                if (!ours.contains(ceId)) {
                    return 200;
                }
                if (down.get()) {
                    return 503;
                }
                takenBeforeOutage.add(ceId);
                if (takenBeforeOutage.size() >= 4) {
                    down.set(true);
                }
                return 200;
            };
            String subscriber = "test-outage-" + tag;
            String routeId = addRoute(subscriber, receiver.url(), "structured", 1000);
            routes.add(routeId);
            events.forEach(decisions::publish);
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.pushes().stream()
                    .filter(p -> ours.contains(p.ceId()) && p.answered() == 503).count() >= 3);

            // The hub stops (its route, as a shutdown does) while the receiver is down, and starts again.
            camel.getRouteController().stopRoute(routeId);
            down.set(false);
            receiver.answers = ceId -> 200;
            camel.getRouteController().startRoute(routeId);

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(taken(receiver, ours))
                    .containsAll(ours));
            assertThat(pendingDeadLetters(subscriber)).isEmpty();
            // At least once: an id may come twice, never none; the receiver dedupes by ce_id.
            assertThat(taken(receiver, ours)).hasSizeGreaterThanOrEqualTo(ours.size());

            FaultyReceiver.Push one = receiver.pushes().stream().filter(p -> ours.contains(p.ceId())).findFirst()
                    .orElseThrow();
            assertThat(one.contentType()).startsWith("application/cloudevents+json");
            assertThat(one.ceHeaders()).isEmpty();
            JsonNode document = JSON.readTree(one.body());
            assertThat(document.get("specversion").asText()).isEqualTo("1.0");
            assertThat(document.get("type").asText()).isEqualTo("skills.subsidy.decided.v1");
            assertThat(document.get("data").get("cityCode").asText()).isEqualTo("410100");
            assertThat(one.signed()).isTrue();
        }
    }

    @Test
    void aSubscriberFileWithAnUnknownTopicOrAMissingSecretIsRefusedWithAClearMessage() {
        String unknownTopic = subscriberYaml("bad-topic", "skills.no-such-topic.v1", "s3cret");
        assertThatThrownBy(() -> load(unknownTopic)).hasStackTraceContaining(
                "subscriber bad-topic: topic 'skills.no-such-topic.v1' is not a topic of kafka/topics.yaml");
        String noSecret = subscriberYaml("no-secret", Topics.SUBSIDY_DECISIONS, "");
        assertThatThrownBy(() -> load(noSecret)).hasStackTraceContaining(
                "subscriber no-secret: parameter secret (the HMAC secret) is missing or empty");
        assertThat(camel.getRoute("delivery.bad-topic")).isNull();
        assertThat(camel.getRoute("delivery.no-secret")).isNull();
    }

    private void load(String yaml) throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("subscriber.yaml", yaml));
    }

    private static String subscriberYaml(String id, String topic, String secret) {
        return """
                - templatedRoute:
                    routeTemplateRef: http-push
                    routeId: delivery.%1$s
                    parameters:
                      - name: subscriberId
                        value: %1$s
                      - name: topic
                        value: %2$s
                      - name: groupId
                        value: skills-hub-delivery-%1$s
                      - name: url
                        value: http://127.0.0.1:9/events
                      - name: secret
                        value: "%3$s"
                """.formatted(id, topic, secret);
    }

    private String addRoute(String subscriber, String url, String mode, int retries) throws Exception {
        String routeId = "delivery." + subscriber;
        TemplatedRouteBuilder.builder(camel, HttpPushTemplate.TEMPLATE).routeId(routeId)
                .parameter("subscriberId", subscriber)
                .parameter("topic", Topics.SUBSIDY_DECISIONS)
                .parameter("groupId", "skills-hub-delivery-" + subscriber)
                .parameter("url", url)
                .parameter("mode", mode)
                .parameter("secret", SECRET)
                .parameter("retries", Integer.toString(retries))
                .parameter("backoffMs", "100")
                .parameter("maxBackoffMs", "400")
                .parameter("readTimeoutMs", "700")
                .parameter("breakerMinimumCalls", "4")
                .parameter("breakerOpenSeconds", "1")
                .add();
        return routeId;
    }

    /** Decisions of {@code keys} people, their events interleaved, under person keys of this test. */
    private static List<CanonicalEvent> events(String tag, int n, int keys) {
        List<CanonicalEvent> events = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        long base = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 9_000_000_000L;
        for (int i = 0; i < n; i++) {
            String key = "pk-" + UUID.nameUUIDFromBytes((tag + "/" + (i % keys)).getBytes(StandardCharsets.UTF_8))
                    .toString().replace("-", "");
            events.add(DecisionEvents.decision(base + i, key, "410100", at.plusSeconds(i), 1000 + i));
        }
        return events;
    }

    /** Our event ids the receiver took (answered 2xx), in the order it took them. */
    private static List<String> taken(FaultyReceiver receiver, Set<String> ours) {
        return receiver.pushes().stream().filter(p -> p.answered() >= 200 && p.answered() < 300)
                .map(FaultyReceiver.Push::ceId).filter(ours::contains).toList();
    }

    /** The subscriber's dead letters not redelivered, by ce_id, with their reasons. */
    private Map<String, String> pendingDeadLetters(String subscriber) {
        Map<String, String> pending = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : new TopicReader(bootstrapServers)
                .readAll(Topics.DELIVERY_DEAD_LETTERS)) {
            if (!subscriber.equals(record.key())) {
                continue;
            }
            String ceId = header(record, "ce_id");
            if ("REDELIVERED".equals(header(record, "delivery_status"))) {
                pending.remove(ceId);
            } else {
                pending.put(ceId, header(record, "delivery_reason"));
            }
        }
        return pending;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static double metric(String prometheus, String name, String subscriber) {
        Map<String, Double> values = new HashMap<>();
        prometheus.lines().filter(l -> l.startsWith(name + "{") && l.contains("subscriber=\"" + subscriber + "\""))
                .forEach(l -> values.put(l, Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
        return values.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
