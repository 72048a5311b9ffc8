package cn.henan.skillshub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.support.TopicReader;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Why the source path does not publish through camel-kafka's transactional producer (design decision 35), shown on
 * camel-kafka 4.18.0 itself against a real broker. A route publishes a batch with {@code transactionalId} set and
 * then records the batch's position, as a source advances its checkpoint. camel-kafka begins the transaction at the
 * first send and commits it in the exchange's {@code onDone}, after the route's last step; on a {@code KafkaException}
 * it closes the producer, which it never makes again.
 */
@EmbeddedKafka(kraft = true, partitions = 1)
class CamelKafkaProducerTransactionsTests {

    private final String topic = "camel-kafka-tx-" + UUID.randomUUID();
    private final String transactionalId = "camel-kafka-source-" + UUID.randomUUID();
    private final AtomicReference<String> position = new AtomicReference<>("start");
    private final AtomicReference<Runnable> afterSend = new AtomicReference<>(() -> { });
    private CamelContext camel;
    private ProducerTemplate template;
    private String brokers;

    @BeforeEach
    void route() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        brokers = broker.getBrokersAsString();
        broker.addTopics(topic);
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:batch").routeId("camel-kafka-source")
                        .to("kafka:" + topic + "?brokers=" + brokers + "&transactionalId=" + transactionalId)
                        .process(e -> afterSend.get().run())
                        // The source's next position, as the runtime advances it once a batch is published.
                        .process(e -> position.set(e.getMessage().getHeader("position", String.class)));
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aCommitThatFailsComesAfterTheRouteHasAdvancedThePosition() {
        // Another instance takes the source over while the batch is in flight: its producer fences this one.
        afterSend.set(this::fence);

        Exchange batch = template.send("direct:batch", e -> {
            e.getMessage().setBody("event of batch 1");
            e.getMessage().setHeader("position", "after batch 1");
        });

        assertThat(batch.getException()).as("the commit in onDone failed").isNotNull();
        assertThat(new TopicReader(brokers).readAll(topic)).as("nothing of batch 1 was committed").isEmpty();
        assertThat(position.get()).as("yet the route ran to its end and advanced the position past batch 1")
                .isEqualTo("after batch 1");
    }

    @Test
    void aFencedProducerIsNotRecoveredWithoutRestartingTheRoute() throws Exception {
        afterSend.set(this::fence);
        template.send("direct:batch", e -> e.getMessage().setBody("event of batch 1"));
        afterSend.set(() -> { });

        // No one holds the transactional id any more that this producer could not take back: still, every batch fails.
        for (int i = 2; i <= 3; i++) {
            String body = "event of batch " + i;
            Exchange batch = template.send("direct:batch", e -> e.getMessage().setBody(body));
            assertThat(batch.getException()).as("batch %d", i).isNotNull();
        }
        assertThat(new TopicReader(brokers).readAll(topic)).isEmpty();

        // Only a restart of the route makes a new producer (doStop closes it, doStart makes one and fences the other).
        camel.getRouteController().stopRoute("camel-kafka-source");
        camel.getRouteController().startRoute("camel-kafka-source");
        Exchange batch = template.send("direct:batch", e -> e.getMessage().setBody("event of batch 4"));
        assertThat(batch.getException()).isNull();
        assertThat(new TopicReader(brokers).readAll(topic)).hasSize(1);
    }

    /** What a second instance of the source does at start: the same transactional id, initTransactions. */
    private void fence() {
        Properties config = new Properties();
        config.putAll(Map.of("bootstrap.servers", brokers, "transactional.id", transactionalId));
        try (KafkaProducer<String, String> other =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            other.initTransactions();
        }
    }
}
