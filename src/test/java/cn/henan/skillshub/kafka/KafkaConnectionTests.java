package cn.henan.skillshub.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.FileSystemResource;

/**
 * Every client takes the same security settings, blanks are no settings, and bad material refuses the start with a
 * message that names the setting and holds no secret.
 */
class KafkaConnectionTests {

    static final String PASSWORD = "a-store-password-of-the-test";

    @TempDir
    Path dir;

    @Test
    void everyKindOfClientTakesTheSecuritySettings_blanksAreNoSettings() {
        KafkaProperties properties = properties();
        properties.getSecurity().setProtocol("SASL_SSL");
        properties.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
        properties.getProperties().put("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"hub\" password=\"p\";");
        properties.getProperties().put("ssl.endpoint.identification.algorithm", "");
        KafkaConnection kafka = connection(properties);
        for (Map<String, Object> config : List.of(kafka.sourceProducerConfig("s"), kafka.plainProducerConfig("c"),
                kafka.committedReaderConfig("r"), kafka.adminConfig())) {
            assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsKey("sasl.jaas.config")
                    .doesNotContainKey("ssl.endpoint.identification.algorithm");
        }
        assertThat(kafka.principal()).isEqualTo("User:hub");
    }

    @Test
    void aJaasLineWithATypoRefusesTheStartNamingTheSettingNotThePassword() {
        KafkaProperties properties = properties();
        properties.getProperties().put("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule requird username=\"hub\" password=\""
                        + PASSWORD + "\";");
        assertThatThrownBy(() -> connection(properties)).hasMessageContaining("sasl.jaas.config")
                .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG").hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aMissingTrustStoreOrAWrongPasswordRefusesTheStartNamingTheSetting() throws Exception {
        KafkaProperties missing = properties();
        missing.getSsl().setTrustStoreLocation(new FileSystemResource(dir.resolve("nowhere.p12")));
        assertThatThrownBy(() -> connection(missing)).hasMessageContaining("KAFKA_SSL_TRUSTSTORE_LOCATION")
                .hasMessageContaining("does not exist");

        Path store = keystore("valid", "-validity", "2");
        KafkaProperties wrongPassword = properties();
        wrongPassword.getSsl().setTrustStoreLocation(new FileSystemResource(store));
        wrongPassword.getSsl().setTrustStoreType("PKCS12");
        wrongPassword.getSsl().setTrustStorePassword("not-" + PASSWORD);
        assertThatThrownBy(() -> connection(wrongPassword)).hasMessageContaining("KAFKA_SSL_TRUSTSTORE_LOCATION")
                .hasMessageContaining("KAFKA_SSL_TRUSTSTORE_PASSWORD").hasMessageNotContaining(PASSWORD);

        KafkaProperties right = properties();
        right.getSsl().setTrustStoreLocation(new FileSystemResource(store));
        right.getSsl().setTrustStoreType("PKCS12");
        right.getSsl().setTrustStorePassword(PASSWORD);
        assertThat(connection(right).adminConfig()).containsKey("ssl.truststore.location");
    }

    @Test
    void anExpiredCertificateRefusesTheStartNamingItAndTheSetting() throws Exception {
        Path store = keystore("expired", "-startdate", "-10d", "-validity", "2");
        KafkaProperties properties = properties();
        properties.getSsl().setKeyStoreLocation(new FileSystemResource(store));
        properties.getSsl().setKeyStoreType("PKCS12");
        properties.getSsl().setKeyStorePassword(PASSWORD);
        assertThatThrownBy(() -> connection(properties)).hasMessageContaining("KAFKA_SSL_KEYSTORE_LOCATION")
                .hasMessageContaining("'expired'").hasMessageContaining("expired on")
                .hasMessageNotContaining(PASSWORD);
    }

    private static KafkaProperties properties() {
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of("127.0.0.1:9092"));
        return properties;
    }

    private static KafkaConnection connection(KafkaProperties properties) {
        return new KafkaConnection(properties, new StaticListableBeanFactory().getBeanProvider(SslBundles.class),
                "skills-hub-", 10, 262144, Duration.ofSeconds(30));
    }

    private Path keystore(String alias, String... validity) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        command.addAll(List.of(validity));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.exists(store)).isTrue();
        return store;
    }
}
