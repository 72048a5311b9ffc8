package cn.henan.skillshub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft broker in the test JVM, secured as a provincial cluster is: clients connect on a
 * {@code SASL_SSL} listener (SCRAM-SHA-512 over TLS, with a certificate the test makes with {@code keytool}), and
 * KRaft's {@code StandardAuthorizer} allows nothing that no ACL grants ({@code allow.everyone.if.no.acl.found=false}).
 *
 * <p>The test itself administers the broker (users, ACLs, topics) over a second, plain listener on 127.0.0.1 whose
 * anonymous principal is the super user, as an operator would from inside the cluster; the hub never uses it.
 */
public final class SecuredKafkaBroker implements AutoCloseable {

    public static final String TLS_PASSWORD = "test-tls-store-password";

    private final Path dir;
    private final int securedPort;
    private final int internalPort;
    private final KafkaRaftServer server;

    private SecuredKafkaBroker(Path dir, int securedPort, int internalPort, KafkaRaftServer server) {
        this.dir = dir;
        this.securedPort = securedPort;
        this.internalPort = internalPort;
        this.server = server;
    }

    public static SecuredKafkaBroker start() throws Exception {
        Path dir = Files.createTempDirectory("secured-kafka");
        makeCertificates(dir);
        int controller = freePort();
        int internal = freePort();
        int secured = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
        props.put("listeners", "CONTROLLER://127.0.0.1:" + controller + ",INTERNAL://127.0.0.1:" + internal
                + ",SECURED://127.0.0.1:" + secured);
        props.put("advertised.listeners", "INTERNAL://127.0.0.1:" + internal + ",SECURED://127.0.0.1:" + secured);
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,SECURED:SASL_SSL");
        props.put("inter.broker.listener.name", "INTERNAL");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("log.dirs", dir.resolve("data").toString());
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("allow.everyone.if.no.acl.found", "false");
        props.put("super.users", "User:ANONYMOUS");
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.put("listener.name.secured.sasl.enabled.mechanisms", "SCRAM-SHA-512");
        props.put("listener.name.secured.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("listener.name.secured.ssl.keystore.location", dir.resolve("broker.p12").toString());
        props.put("listener.name.secured.ssl.keystore.password", TLS_PASSWORD);
        props.put("listener.name.secured.ssl.key.password", TLS_PASSWORD);
        props.put("listener.name.secured.ssl.keystore.type", "PKCS12");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "2");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "2");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, null);
        }
        int formatted = StorageTool.execute(new String[] {"format", "-t", uuid(), "-c", config.toString()},
                new PrintStream(PrintStream.nullOutputStream()));
        if (formatted != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + formatted);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        SecuredKafkaBroker broker = new SecuredKafkaBroker(dir, secured, internal, server);
        try (Admin admin = broker.admin()) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        }
        return broker;
    }

    /** Where the hub connects: the SASL_SSL listener. */
    public String securedBootstrapServers() {
        return "127.0.0.1:" + securedPort;
    }

    /** The test's own way in: plain, anonymous, super user. */
    public String internalBootstrapServers() {
        return "127.0.0.1:" + internalPort;
    }

    /** The trust store holding the broker's certificate (PKCS12, {@link #TLS_PASSWORD}). */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrapServers()));
    }

    /** Creates or changes a SCRAM-SHA-512 user. */
    public void scramUser(String name, String password) throws Exception {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Grants {@code principal} the operations on the resources (literal or prefixed names). */
    public void allow(String principal, ResourceType type, String name, PatternType pattern,
                      AclOperation... operations) throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Creates the topics of kafka/topics.yaml, as an operator of a cluster the hub may not create topics on. */
    public void createHubTopics() throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("kafka/topics.yaml")) {
            for (JsonNode topic : new ObjectMapper(new YAMLFactory()).readTree(in).get("topics")) {
                Map<String, String> config = new HashMap<>();
                if (topic.has("config")) {
                    topic.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                }
                topics.add(new NewTopic(topic.get("name").asText(), topic.get("partitions").asInt(), (short) 1)
                        .configs(config));
            }
        }
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** A self-signed certificate for 127.0.0.1 and localhost, valid for two days, and a trust store holding it. */
    private static void makeCertificates(Path dir) throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", dir.resolve("broker.p12").toString(), "-storepass", TLS_PASSWORD,
                "-keypass", TLS_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", dir.resolve("broker.p12").toString(),
                "-storepass", TLS_PASSWORD, "-file", dir.resolve("broker.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", dir.resolve("broker.crt").toString(),
                "-storetype", "PKCS12", "-keystore", dir.resolve("truststore.p12").toString(),
                "-storepass", TLS_PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uuid() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

}
