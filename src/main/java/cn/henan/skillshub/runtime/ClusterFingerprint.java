package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.kafka.KafkaConnection;
import cn.henan.skillshub.kafka.TopicInitializer;
import cn.henan.skillshub.kafka.TopicLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Refuses to start an instance that would publish differently from the running cluster: one whose person-key
 * secret differs (it would give the same people other keys) or whose topic set differs. The cluster's fingerprint —
 * a hash of an HMAC under the secret, never the secret itself, and a hash of the topic names — is kept on the
 * compacted topic {@code skills.hub.cluster}; each instance of a cluster reads it to its end at start
 * ({@link TopicLog}), writes its own if there is none, and stops with a clear message if its own differs. Two
 * instances that start at the same moment on an empty topic both write theirs; the first in the log is the
 * cluster's, and the other, if it differs, is refused all the same ({@link Claim}). To change
 * the secret or the topics deliberately, stop every instance and start one with
 * {@code skillshub.cluster.new-fingerprint=true}: its fingerprint replaces the recorded one.
 *
 * <p>Only in a cluster (a cluster service configured): a single instance has nobody to disagree with.
 */
@Component
class ClusterFingerprint implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterFingerprint.class);
    static final String KEY = "fingerprint";
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    /** What the topic holds: the two hashes, who wrote them and when. */
    record Fingerprint(String personKeys, String topics, String instance, Instant at) {
        boolean samePublishing(Fingerprint other) {
            return personKeys.equals(other.personKeys) && topics.equals(other.topics);
        }
    }

    private final SourceLeadership leadership;
    private final KafkaConnection kafka;
    private final TopicInitializer topics;
    private final String secret;
    private final boolean replace;
    private volatile boolean running;

    ClusterFingerprint(SourceLeadership leadership, KafkaConnection kafka, TopicInitializer topics,
                       @Value("${skillshub.person.key-secret}") String secret,
                       @Value("${skillshub.cluster.new-fingerprint:false}") boolean replace) {
        this.leadership = leadership;
        this.kafka = kafka;
        this.topics = topics;
        this.secret = secret;
        this.replace = replace;
    }

    /** Before any other lifecycle bean: nothing is read or published by an instance that is to be refused. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public void start() {
        running = true;
        if (!leadership.clustered()) {
            return;
        }
        Fingerprint own = own();
        try (Claim claim = claim()) {
            Optional<Fingerprint> recorded = claim.recorded();
            if (recorded.isPresent() && recorded.get().samePublishing(own)) {
                log.info("cluster fingerprint matches the running cluster's (person keys {}, topics {})",
                        own.personKeys(), own.topics());
                return;
            }
            if (recorded.isPresent() && !replace) {
                throw refused(own, recorded.get());
            }
            claim.write(own);
            Fingerprint cluster = claim.cluster();
            if (!cluster.samePublishing(own)) {
                // Another instance wrote its own at the same moment, and the log has it first. This instance's own
                // came after it: the cluster's is written again, so that the last one — what a later instance reads,
                // and what compaction keeps — is the cluster's.
                claim.write(cluster);
                throw refused(own, cluster);
            }
            log.info("cluster fingerprint {} (person keys {}, topics {}) recorded on {}", recorded.isEmpty() ? "first"
                    : "replaced", own.personKeys(), own.topics(), Topics.CLUSTER);
        }
    }

    private static IllegalStateException refused(Fingerprint own, Fingerprint cluster) {
        String refusal = refusal(own, cluster);
        log.error(refusal);
        return new IllegalStateException(refusal);
    }

    static String refusal(Fingerprint own, Fingerprint recorded) {
        StringBuilder why = new StringBuilder("refusing to start: this instance would publish differently from the"
                + " running cluster (fingerprint on " + Topics.CLUSTER + ", recorded by " + recorded.instance()
                + " at " + recorded.at() + "):");
        if (!own.personKeys().equals(recorded.personKeys())) {
            why.append(" its person-key secret (skillshub.person.key-secret) differs — it would give the same people"
                    + " other person keys (hash ").append(own.personKeys()).append(" here, ")
                    .append(recorded.personKeys()).append(" in the cluster);");
        }
        if (!own.topics().equals(recorded.topics())) {
            why.append(" its topic set (kafka/topics.yaml) differs (hash ").append(own.topics()).append(" here, ")
                    .append(recorded.topics()).append(" in the cluster);");
        }
        return why.append(" start it with the cluster's settings, or — to change them for the whole cluster — stop"
                + " every instance and start one with skillshub.cluster.new-fingerprint=true").toString();
    }

    Fingerprint own() {
        List<String> names = topics.declaredTopicNames().stream().sorted().toList();
        return new Fingerprint(sha256(hmac(secret, "skills-hub cluster fingerprint v1")),
                sha256(String.join("\n", names).getBytes(StandardCharsets.UTF_8)), leadership.instanceId(),
                Instant.now());
    }

    Claim claim() {
        return new Claim(new TopicLog(kafka, Topics.CLUSTER, "skills-hub-cluster-fingerprint"));
    }

    /**
     * One instance's look at {@code skills.hub.cluster} and, if it finds none or replaces it, its claim. Two
     * instances starting at the same moment on an empty topic both find nothing and both write theirs; the cluster's
     * fingerprint is then the first one the log holds after the end each of them read to — the same record for
     * both, since a partition has one order — and the one whose own differs from it writes the cluster's again
     * after its own, and is refused.
     */
    final class Claim implements AutoCloseable {
        private final TopicLog topic;

        private Claim(TopicLog topic) {
            this.topic = topic;
        }

        /**
         * The last fingerprint recorded, read to the topic's end (a tombstone of the key forgets it, as compaction
         * will); the reader stays at that end.
         */
        Optional<Fingerprint> recorded() {
            AtomicReference<Fingerprint> last = new AtomicReference<>();
            topic.readToEnd(record -> {
                if (KEY.equals(record.key()) && record.value() == null) {
                    last.set(null);
                } else {
                    read(record).ifPresent(last::set);
                }
            }, READ_LIMIT);
            return Optional.ofNullable(last.get());
        }

        void write(Fingerprint own) {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    kafka.plainProducerConfig("skills-hub-cluster-fingerprint"), new StringSerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.CLUSTER, KEY, EventJson.mapper().writeValueAsBytes(own)))
                        .get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the cluster fingerprint could not be written to " + Topics.CLUSTER,
                        e);
            }
        }

        /**
         * After {@link #write}: the first fingerprint written after the end {@link #recorded} read to — this
         * instance's own, or one another instance wrote at the same moment.
         */
        Fingerprint cluster() {
            AtomicReference<Fingerprint> first = new AtomicReference<>();
            topic.readToEnd(record -> read(record).ifPresent(f -> first.compareAndSet(null, f)), READ_LIMIT);
            if (first.get() == null) {
                throw new IllegalStateException("the fingerprint written is not on " + Topics.CLUSTER);
            }
            return first.get();
        }

        @Override
        public void close() {
            topic.close();
        }
    }

    private static Optional<Fingerprint> read(ConsumerRecord<String, byte[]> record) {
        if (!KEY.equals(record.key()) || record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventJson.mapper().readValue(record.value(), Fingerprint.class));
        } catch (IOException e) {
            log.warn("a record on {} is no fingerprint; ignored", Topics.CLUSTER);
            return Optional.empty();
        }
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 not available", e);
        }
    }

    /** The first 16 hex digits of SHA-256: enough to tell two settings apart, nothing to learn a secret from. */
    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
