package cn.henan.skillshub.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Where the broker is and how every Kafka client of the hub talks to it, in one place. Each client starts from
 * Spring Boot's own client settings — {@code spring.kafka.bootstrap-servers}, {@code spring.kafka.security.protocol},
 * {@code spring.kafka.ssl.*} (or an SSL bundle), {@code spring.kafka.properties.*} (any client property:
 * {@code sasl.mechanism}, {@code sasl.jaas.config}, …) and the {@code spring.kafka.producer.*},
 * {@code spring.kafka.consumer.*}, {@code spring.kafka.admin.*} of its kind — and the hub's production settings are
 * laid over them: transactions, {@code acks=all} and idempotence for every source producer, {@code read_committed}
 * for readers. A setting left blank (an environment variable not set) is no setting.
 *
 * <p>When Kafka refuses the hub, {@link #explain} turns the client's exception into one that names what is
 * missing: the ACL to grant, or the setting to check.
 */
@Component
public class KafkaConnection {

    private static final Pattern JAAS_USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
    static final String ACL_DOCS = "docs/security.md#kafka-acls";

    private final List<String> bootstrapServers;
    private final String transactionalIdPrefix;
    private final int lingerMs;
    private final int batchSizeBytes;
    private final Duration deniedRetryInterval;
    private final Map<String, Object> producerBase;
    private final Map<String, Object> consumerBase;
    private final Map<String, Object> adminBase;

    KafkaConnection(KafkaProperties kafkaProperties, ObjectProvider<SslBundles> sslBundles,
                    @Value("${skillshub.kafka.transactional-id-prefix:skills-hub-}") String transactionalIdPrefix,
                    @Value("${skillshub.kafka.producer.linger-ms:10}") int lingerMs,
                    @Value("${skillshub.kafka.producer.batch-size-bytes:262144}") int batchSizeBytes,
                    @Value("${skillshub.kafka.denied-retry-interval:30s}") Duration deniedRetryInterval) {
        this.bootstrapServers = kafkaProperties.getBootstrapServers();
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.lingerMs = lingerMs;
        this.batchSizeBytes = batchSizeBytes;
        this.deniedRetryInterval = deniedRetryInterval;
        SslBundles bundles = sslBundles.getIfAvailable();
        this.producerBase = withoutBlanks(kafkaProperties.buildProducerProperties(bundles));
        this.consumerBase = withoutBlanks(kafkaProperties.buildConsumerProperties(bundles));
        this.adminBase = withoutBlanks(kafkaProperties.buildAdminProperties(bundles));
        checkJaasConfig(adminBase);
        checkStore(adminBase, "truststore", "spring.kafka.ssl.trust-store-location (KAFKA_SSL_TRUSTSTORE_LOCATION)",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD");
        checkStore(adminBase, "keystore", "spring.kafka.ssl.key-store-location (KAFKA_SSL_KEYSTORE_LOCATION)",
                "KAFKA_SSL_KEYSTORE_PASSWORD");
    }

    /**
     * The TLS material is read at start, as the clients will read it: a store that is not there, not of its type, or
     * not opened by its password, or a certificate in it that has expired or is not valid yet, refuses the start
     * with a message naming the setting — never the password.
     */
    private static void checkStore(Map<String, Object> config, String kind, String setting, String passwordVariable) {
        Object location = config.get("ssl." + kind + ".location");
        if (location == null) {
            return;
        }
        Object type = config.getOrDefault("ssl." + kind + ".type", "JKS");
        Object password = config.get("ssl." + kind + ".password");
        char[] secret = password == null ? null
                : (password instanceof Password p ? p.value() : password.toString()).toCharArray();
        java.security.KeyStore store;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(location.toString()))) {
            store = java.security.KeyStore.getInstance(type.toString());
            store.load(in, secret);
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException(setting + ": " + location + " does not exist");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(setting + ": " + location + " cannot be read as a " + type + " store"
                    + (e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password") ? " with the password of "
                    + passwordVariable : "") + " (" + safeReason(e) + ")");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(setting + ": " + location + " is not a " + type + " store (" + safeReason(e)
                    + ")");
        }
        try {
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof java.security.cert.X509Certificate certificate) {
                    try {
                        certificate.checkValidity();
                    } catch (java.security.cert.CertificateExpiredException e) {
                        throw new IllegalStateException(setting + ": the certificate '" + alias + "' ("
                                + certificate.getSubjectX500Principal().getName() + ") expired on "
                                + certificate.getNotAfter().toInstant());
                    } catch (java.security.cert.CertificateNotYetValidException e) {
                        throw new IllegalStateException(setting + ": the certificate '" + alias + "' ("
                                + certificate.getSubjectX500Principal().getName() + ") is valid only from "
                                + certificate.getNotBefore().toInstant());
                    }
                }
            }
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(setting + ": " + location + " cannot be listed (" + safeReason(e) + ")");
        }
    }

    private static String safeReason(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    public String bootstrapServers() {
        return String.join(",", bootstrapServers);
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    /**
     * How long a client that Kafka refused waits before it tries again ({@code skillshub.kafka.denied-retry-interval}):
     * a source is not polled into a new client, and a log line, every tick while an ACL is missing.
     */
    public Duration deniedRetryInterval() {
        return deniedRetryInterval;
    }

    /** One transactional id per source: a second instance polling the same source is fenced by Kafka itself. */
    public Map<String, Object> sourceProducerConfig(String sourceId) {
        Map<String, Object> config = new HashMap<>(producerBase);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + sourceId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSizeBytes);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "skills-hub-source-" + sourceId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** A reader that sees committed transactions only, assigned partitions by hand (no group). */
    public Map<String, Object> committedReaderConfig(String clientId) {
        Map<String, Object> config = new HashMap<>(consumerBase);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /**
     * The client settings a camel-kafka consumer of a delivery route adds to its own (its component's
     * {@code additionalProperties}): where the brokers are and how to log in (Spring Boot's consumer settings), and
     * {@code read_committed} without auto commit, whatever an endpoint URI says.
     */
    public Map<String, Object> deliveryConsumerConfig() {
        Map<String, Object> config = new HashMap<>(consumerBase);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return config;
    }

    /**
     * A producer outside any source's transaction (reference versions, the decisions of operators): idempotent,
     * {@code acks=all}, so a write acknowledged is a write kept.
     */
    public Map<String, Object> plainProducerConfig(String clientId) {
        Map<String, Object> config = new HashMap<>(producerBase);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(adminBase);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** The hub's Kafka principal as an ACL names it: {@code User:<SASL user>}, or the security protocol's. */
    public String principal() {
        Object jaas = adminBase.get(SaslConfigs.SASL_JAAS_CONFIG);
        String text = jaas instanceof Password password ? password.value() : jaas == null ? null : jaas.toString();
        if (text != null) {
            Matcher user = JAAS_USERNAME.matcher(text);
            if (user.find()) {
                return "User:" + user.group(1);
            }
        }
        return "the hub's principal (" + adminBase.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                "PLAINTEXT") + ")";
    }

    /**
     * The refusal in {@code failure} (anywhere in its causes), said as what is missing; empty when Kafka did not
     * refuse the hub (a timeout, a broker away).
     *
     * @param sourceId the source whose transactional id was in use, or null
     */
    public Optional<KafkaAccessDeniedException> explain(Throwable failure, String sourceId) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof KafkaAccessDeniedException denied) {
                return Optional.of(denied);
            }
            String message = message(e, sourceId);
            if (message != null) {
                return Optional.of(new KafkaAccessDeniedException(message, e));
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return Optional.empty();
    }

    private String message(Throwable e, String sourceId) {
        String principal = principal();
        if (e instanceof TransactionalIdAuthorizationException) {
            String id = sourceId == null ? transactionalIdPrefix + "…" : transactionalIdPrefix + sourceId;
            return "Kafka denies " + principal + " the transactional id " + id + ": grant WRITE and DESCRIBE on"
                    + " TRANSACTIONAL_ID prefix '" + transactionalIdPrefix + "' (" + ACL_DOCS + ")";
        }
        if (e instanceof TopicAuthorizationException topics) {
            return "Kafka denies " + principal + " the topics " + topics.unauthorizedTopics() + ": grant the"
                    + " operations of " + ACL_DOCS + " on them";
        }
        if (e instanceof GroupAuthorizationException group) {
            return "Kafka denies " + principal + " the consumer group " + group.groupId() + ": grant READ on GROUP "
                    + group.groupId() + " (" + ACL_DOCS + ")";
        }
        if (e instanceof ClusterAuthorizationException) {
            return "Kafka denies " + principal + " a cluster operation: grant IDEMPOTENT_WRITE on CLUSTER (" + ACL_DOCS
                    + ")";
        }
        if (e instanceof SslAuthenticationException) {
            return "the TLS handshake with " + bootstrapServers() + " failed (" + e.getMessage() + "): check"
                    + " spring.kafka.ssl.trust-store-location (KAFKA_SSL_TRUSTSTORE_LOCATION) and the brokers'"
                    + " certificates";
        }
        if (e instanceof AuthenticationException) {
            return "Kafka refused the login of " + principal + " (" + adminBase.getOrDefault(SaslConfigs.SASL_MECHANISM,
                    "GSSAPI") + "): wrong password or unknown user; check spring.kafka.properties.sasl.jaas.config"
                    + " (KAFKA_SASL_JAAS_CONFIG)";
        }
        return null;
    }

    /** A JAAS line that does not parse refuses the start, naming the setting and not the line (it holds a password). */
    private static void checkJaasConfig(Map<String, Object> config) {
        Object jaas = config.get(SaslConfigs.SASL_JAAS_CONFIG);
        if (jaas == null) {
            return;
        }
        String text = jaas instanceof Password password ? password.value() : jaas.toString();
        try {
            JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(text)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("spring.kafka.properties.sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG) is not"
                    + " a JAAS login line: " + withoutSecret(e.getMessage(), text)
                    + "; expected e.g. org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"…\" password=\"…\";");
        }
    }

    private static String withoutSecret(String message, String jaas) {
        if (message == null) {
            return "it does not parse";
        }
        return message.contains(jaas) || message.contains("password") ? "it does not parse" : message;
    }

    private static Map<String, Object> withoutBlanks(Map<String, Object> config) {
        Map<String, Object> kept = new HashMap<>();
        config.forEach((key, value) -> {
            if (value != null && !(value instanceof String text && text.isBlank())) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
