package cn.henan.skillshub.simulator.sftp;

import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.simulator.evaluation.BodySpellings;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.RunTag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The SFTP simulator, unless {@code skillshub.simulator.sftp.enabled=false}. Once listening, it publishes {@code local.sftp.port}, {@code local.sftp.known-hosts} and {@code local.sftp.root}
 * (as Spring Boot does {@code local.server.port}), so a route can point at a server on a free port.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "skillshub.simulator.sftp.enabled", matchIfMissing = true)
public class SftpSimulatorConfiguration {

    @Bean(destroyMethod = "stop")
    SftpSimulatorServer sftpSimulatorServer(ConfigurableEnvironment environment,
                                            @Value("${skillshub.simulator.sftp.host:127.0.0.1}") String host,
                                            @Value("${skillshub.simulator.sftp.port:2222}") int port,
                                            @Value("${skillshub.simulator.sftp.root:}") String root,
                                            @Value("${skillshub.simulator.sftp.state-dir:}") String stateDir,
                                            @Value("${skillshub.simulator.sftp.username:miit-cee}") String username,
                                            @Value("${skillshub.simulator.sftp.password:local-sftp-password}") String password,
                                            @Value("${skillshub.simulator.sftp.known-host-names:127.0.0.1,localhost}") String names) {
        SftpSimulatorServer server = new SftpSimulatorServer(host, port, folder(root, "sftp-simulator-root"),
                folder(stateDir, "sftp-simulator-state"), username, password,
                Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        server.start();
        environment.getPropertySources().addFirst(new MapPropertySource("sftp-simulator", Map.of(
                "local.sftp.port", server.port(),
                "local.sftp.known-hosts", server.knownHostsFile().toString(),
                "local.sftp.root", server.root().toString())));
        return server;
    }

    @Bean
    InboxWriter sftpInboxWriter(SftpSimulatorServer server) {
        return new InboxWriter(server.root());
    }

    @Bean
    InboxWriterRunner sftpInboxWriterRunner(InboxWriter writer, ReferenceData reference,
                                            @Value("${skillshub.simulator.sftp.inbox:miit-cee/inbox}") String inbox,
                                            @Value("${skillshub.simulator.sftp.evaluation-body:工业和信息化部教育与考试中心}") String body,
                                            @Value("${skillshub.simulator.sftp.drop-interval-seconds:30}") int interval,
                                            @Value("${skillshub.simulator.sftp.records-per-file:40}") int records,
                                            @Value("${skillshub.simulator.sftp.bad-share:0.05}") double badShare,
                                            @Value("${skillshub.simulator.sftp.seed:20250324}") long seed,
                                            @Value("${skillshub.simulator.trainees.revocation-delay:20s}") Duration revocationDelay,
                                            @Value("${skillshub.simulator.sftp.ceec-inbox:ceec/inbox}") String ceecInbox) {
        // The run tag keeps record numbers of successive runs apart, as the real-name simulator's does.
        EvaluationBodyCsv csv = new EvaluationBodyCsv(seed, "S" + RunTag.now(), body,
                reference.occupations().stream().map(Occupation::code).toList(), badShare);
        EvaluationBodyCsv ceec = new EvaluationBodyCsv(seed + 1, "C" + RunTag.now(), BodySpellings.CEEC_NAME,
                reference.occupations().stream().map(Occupation::code).toList(), badShare);
        return new InboxWriterRunner(writer, csv, inbox, interval, records, revocationDelay,
                new InboxWriterRunner.CeecBody(ceec, ceecInbox, reference));
    }

    /** The configured folder, or — left blank, as in tests — a fresh temporary one, so test JVMs never share. */
    private static Path folder(String configured, String prefix) {
        try {
            return configured.isBlank() ? Files.createTempDirectory(prefix) : Path.of(configured);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
