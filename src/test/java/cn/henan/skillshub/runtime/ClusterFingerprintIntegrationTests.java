package cn.henan.skillshub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.kafka.KafkaConnection;
import cn.henan.skillshub.kafka.TopicInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two instances starting at the same moment on a {@code skills.hub.cluster} with no fingerprint, one with another person-key
 * secret, against one real broker: both find no fingerprint and both write theirs, yet exactly one of them starts —
 * the one whose fingerprint the log holds first — and the other is refused with a message that names the setting.
 */
class ClusterFingerprintIntegrationTests {

    private static final String SECRET = "the-cluster's-secret";
    private static final String OTHER_SECRET = "another-secret";

    private static EmbeddedKafkaKraftBroker broker;
    private static AnnotationConfigApplicationContext kafkaBeans;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(broker.getBrokersAsString()));
        // The hub's own KafkaConnection and TopicInitializer (which creates skills.hub.cluster from topics.yaml).
        kafkaBeans = new AnnotationConfigApplicationContext();
        // As Spring Boot does: "30s" into a Duration for KafkaConnection's @Value.
        kafkaBeans.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
        kafkaBeans.registerBean(KafkaProperties.class, () -> properties);
        kafkaBeans.registerBean(KafkaConnection.class);
        kafkaBeans.registerBean(TopicInitializer.class);
        kafkaBeans.refresh();
    }

    @AfterAll
    static void stopBroker() {
        kafkaBeans.close();
        broker.destroy();
    }

    /**
     * Each test starts with no fingerprint recorded: a tombstone of its key, as if the topic were empty (a compacted
     * topic's records cannot be deleted, and one deleted and made again is not seen at once by new clients).
     */
    @BeforeEach
    void forgetTheClustersFingerprint() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CLUSTER, ClusterFingerprint.KEY, null)).get(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void bothWriteTheirFingerprintAtTheSameMomentAndTheOneTheLogHoldsFirstIsTheClusters() {
        ClusterFingerprint first = fingerprint("hub-a", SECRET);
        ClusterFingerprint second = fingerprint("hub-b", OTHER_SECRET);
        // The race, step by step: both read an empty topic, then both write.
        try (ClusterFingerprint.Claim a = first.claim(); ClusterFingerprint.Claim b = second.claim()) {
            assertThat(a.recorded()).isEmpty();
            assertThat(b.recorded()).isEmpty();
            a.write(first.own());
            b.write(second.own());
            assertThat(a.cluster().instance()).as("what hub-a takes as the cluster's").isEqualTo("hub-a");
            ClusterFingerprint.Fingerprint seenByB = b.cluster();
            assertThat(seenByB.instance()).as("what hub-b takes as the cluster's").isEqualTo("hub-a");
            assertThat(seenByB.samePublishing(second.own())).as("hub-b is to be refused").isFalse();
        }
    }

    @Test
    void startedConcurrentlyWithAnotherSecretExactlyOneStartsAndTheOtherIsRefusedNamingTheSetting()
            throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 3; round++) {
                forgetTheClustersFingerprint();
                List<Throwable> outcomes = startTogether(starting, fingerprint("hub-a", SECRET),
                        fingerprint("hub-b", OTHER_SECRET));
                assertThat(outcomes).as("round %d: one started, one refused", round).filteredOn(o -> o == null)
                        .hasSize(1);
                assertThat(outcomes).filteredOn(o -> o != null).singleElement().satisfies(refusal -> assertThat(
                        refusal).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("refusing to start")
                        .hasMessageContaining("person-key secret (skillshub.person.key-secret) differs")
                        .hasMessageNotContaining(SECRET).hasMessageNotContaining(OTHER_SECRET));
                // Whichever started, the cluster is now its: a third instance with the other secret is refused too.
                String winner = outcomes.get(0) == null ? SECRET : OTHER_SECRET;
                String loser = winner.equals(SECRET) ? OTHER_SECRET : SECRET;
                assertThatThrownBy(() -> fingerprint("hub-c", loser).start())
                        .hasMessageContaining("person-key secret (skillshub.person.key-secret) differs");
                fingerprint("hub-d", winner).start();
            }
            forgetTheClustersFingerprint();
            assertThat(startTogether(starting, fingerprint("hub-a", SECRET), fingerprint("hub-b", SECRET)))
                    .as("two with the same settings both start").containsOnlyNulls();
        } finally {
            starting.shutdownNow();
        }
    }

    /** Starts both at the same moment; per instance, null if it started or what refused it. */
    private static List<Throwable> startTogether(ExecutorService threads, ClusterFingerprint... instances)
            throws Exception {
        CyclicBarrier together = new CyclicBarrier(instances.length);
        List<Future<Throwable>> started = new ArrayList<>();
        for (ClusterFingerprint instance : instances) {
            started.add(threads.submit(() -> {
                together.await();
                try {
                    instance.start();
                    return null;
                } catch (IllegalStateException refused) {
                    return refused;
                }
            }));
        }
        List<Throwable> outcomes = new ArrayList<>();
        for (Future<Throwable> outcome : started) {
            outcomes.add(outcome.get(2, TimeUnit.MINUTES));
        }
        return outcomes;
    }

    private static ClusterFingerprint fingerprint(String instanceId, String secret) {
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(instanceId);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("cluster", cluster);
        return new ClusterFingerprint(new SourceLeadership(beans.getBeanProvider(
                org.apache.camel.cluster.CamelClusterService.class)), kafkaBeans.getBean(KafkaConnection.class),
                kafkaBeans.getBean(TopicInitializer.class), secret, false);
    }
}
