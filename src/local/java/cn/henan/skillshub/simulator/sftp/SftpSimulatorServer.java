package cn.henan.skillshub.simulator.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SFTP server in this JVM whose file system is a local folder: what an evaluation body's SFTP server is
 * to the hub. One user, authenticated by password or by a public key listed in {@code authorized_keys} of the
 * state folder. Its host key is generated once and kept in the state folder, and it writes the
 * {@code known_hosts} file the hub's route trusts — so the route checks the host key strictly even here.
 */
public class SftpSimulatorServer {

    private static final Logger log = LoggerFactory.getLogger(SftpSimulatorServer.class);

    private final String host;
    private final int configuredPort;
    private final Path root;
    private final Path stateDirectory;
    private final String username;
    private final String password;
    private final List<String> knownHostNames;
    private SshServer server;

    /**
     * @param port           0 for any free port (tests); {@link #port()} tells which
     * @param knownHostNames the names the hub uses for this server, each written into {@code known_hosts}
     */
    public SftpSimulatorServer(String host, int port, Path root, Path stateDirectory, String username,
                               String password, List<String> knownHostNames) {
        this.host = host;
        this.configuredPort = port;
        this.root = root.toAbsolutePath().normalize();
        this.stateDirectory = stateDirectory.toAbsolutePath().normalize();
        this.username = username;
        this.password = password;
        this.knownHostNames = List.copyOf(knownHostNames);
    }

    public synchronized void start() {
        try {
            Files.createDirectories(root);
            Files.createDirectories(stateDirectory);
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(
                    stateDirectory.resolve("host-key.ser"));
            hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
            hostKeys.setKeySize(256);
            server = SshServer.setUpDefaultServer();
            server.setHost(host);
            server.setPort(configuredPort);
            server.setKeyPairProvider(hostKeys);
            server.setPasswordAuthenticator((user, pass, session) -> username.equals(user) && password.equals(pass));
            server.setPublickeyAuthenticator((user, key, session) -> username.equals(user)
                    && new KeySetPublickeyAuthenticator("authorized_keys", authorizedKeys()).authenticate(user, key,
                    session));
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            server.setFileSystemFactory(new VirtualFileSystemFactory(root));
            server.start();
            writeKnownHosts(hostKeys.loadKeys(null).iterator().next().getPublic());
            log.info("SFTP simulator listening on {}:{} (user {}), files under {}, known_hosts at {}", host, port(),
                    username, root, knownHostsFile());
        } catch (IOException e) {
            throw new IllegalStateException("SFTP simulator cannot start on " + host + ":" + configuredPort, e);
        }
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                log.warn("SFTP simulator did not stop cleanly: {}", e.toString());
            }
            server = null;
        }
    }

    public boolean isRunning() {
        return server != null && server.isStarted();
    }

    /** The port it listens on: the configured one, or the free port it took. */
    public int port() {
        return server.getPort();
    }

    public Path root() {
        return root;
    }

    public String username() {
        return username;
    }

    /** {@code known_hosts} with this server's host key, for each name the hub may use for it. */
    public Path knownHostsFile() {
        return stateDirectory.resolve("known_hosts");
    }

    /** Public keys allowed to log in as the user, one OpenSSH line each; the file may be absent. */
    public Path authorizedKeysFile() {
        return stateDirectory.resolve("authorized_keys");
    }

    /** Allows a client key to log in (a test of key authentication, or an operator trying it locally). */
    public void authorize(PublicKey key) {
        try {
            Files.writeString(authorizedKeysFile(), PublicKeyEntry.toString(key) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<PublicKey> authorizedKeys() {
        Path file = authorizedKeysFile();
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            Set<PublicKey> keys = new java.util.HashSet<>();
            for (AuthorizedKeyEntry entry : AuthorizedKeyEntry.readAuthorizedKeys(file)) {
                keys.add(entry.resolvePublicKey(null, null));
            }
            return keys;
        } catch (IOException | java.security.GeneralSecurityException e) {
            log.warn("SFTP simulator: {} cannot be read ({})", file, e.toString());
            return Set.of();
        }
    }

    private void writeKnownHosts(PublicKey hostKey) throws IOException {
        String key = PublicKeyEntry.toString(hostKey);
        List<String> lines = new ArrayList<>();
        for (String name : knownHostNames) {
            lines.add((port() == 22 ? name : "[" + name + "]:" + port()) + " " + key);
        }
        Files.write(knownHostsFile(), lines, StandardCharsets.UTF_8);
    }
}
