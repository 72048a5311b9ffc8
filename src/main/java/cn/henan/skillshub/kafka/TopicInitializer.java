package cn.henan.skillshub.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates at start the topics of {@code kafka/topics.yaml} that do not exist yet. An existing topic is left as
 * it is: changing a live topic is an operator's decision, not a side effect of a deployment.
 */
@Component
public class TopicInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

    record TopicSpec(String name, String description, int partitions, Map<String, String> config) {
    }

    record TopicsFile(List<TopicSpec> topics) {
    }

    private final List<TopicSpec> declared;
    private final KafkaConnection kafka;
    private final short replicationFactor;

    TopicInitializer(KafkaConnection kafka,
                     @Value("${skillshub.kafka.replication-factor:1}") short replicationFactor) {
        this.declared = readDeclaredTopics();
        this.kafka = kafka;
        this.replicationFactor = replicationFactor;
    }

    /**
     * Once every bean exists and before any of them starts (Kafka listener containers, the follower of reference
     * versions, Camel's routes): whatever reads or writes a topic finds it there.
     */
    @Override
    public void afterSingletonsInstantiated() {
        createMissing(kafka, replicationFactor);
    }

    public List<String> declaredTopicNames() {
        return declared.stream().map(TopicSpec::name).toList();
    }

    private void createMissing(KafkaConnection kafka, short replicationFactor) {
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = declared.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), replicationFactor)
                            .configs(spec.config() == null ? Map.of() : spec.config()))
                    .toList();
            if (!missing.isEmpty()) {
                List<String> created = new ArrayList<>();
                for (Map.Entry<String, KafkaFuture<Void>> topic : admin.createTopics(missing).values().entrySet()) {
                    try {
                        topic.getValue().get(30, TimeUnit.SECONDS);
                        created.add(topic.getKey());
                    } catch (ExecutionException e) {
                        // Instances of a cluster start together: another one may have created it a moment ago.
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                log.info("created topics {}", created);
            }
        } catch (ExecutionException e) {
            // Kafka refusing the hub is no reason to stop it (an operator fixes an ACL or a password, and the
            // sources show the refusal until then); a principal that may not create topics works with topics an
            // operator created (docs/security.md#kafka-acls).
            var refused = kafka.explain(e.getCause(), null);
            if (refused.isPresent()) {
                log.error("topics of kafka/topics.yaml not checked or created: {}", refused.get().getMessage());
                return;
            }
            throw new IllegalStateException("cannot create the hub's topics at " + kafka.bootstrapServers(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the hub's topics at " + kafka.bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private static List<TopicSpec> readDeclaredTopics() {
        try (InputStream in = TopicInitializer.class.getClassLoader().getResourceAsStream("kafka/topics.yaml")) {
            if (in == null) {
                throw new IllegalStateException("kafka/topics.yaml is not on the classpath");
            }
            return new ObjectMapper(new YAMLFactory()).readValue(in, TopicsFile.class).topics();
        } catch (IOException e) {
            throw new UncheckedIOException("kafka/topics.yaml cannot be read", e);
        }
    }
}
