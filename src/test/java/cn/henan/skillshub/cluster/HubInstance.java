package cn.henan.skillshub.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hub instance of a cluster run: a child JVM ({@link ClusterHub}) on the run's classpath, with a port and a
 * name of its own. {@link #kill()} is {@code kill -9} (SIGKILL: no shutdown hook, no lock released by the JVM —
 * the operating system drops the file lock with the process).
 */
final class HubInstance implements AutoCloseable {

    /** The ops key whose hash {@code cluster/hub.properties} holds (support/TestApiKeys.OPS). */
    private static final String OPS_KEY = "test-ops-key";
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private HubInstance(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static HubInstance start(String name, Path workDir, String heap, Map<String, String> properties,
                             String bootstrapServers) throws IOException {
        Files.createDirectories(workDir);
        int port = freePort();
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterHub.class.getName());
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        command.add("--server.port=" + port);
        command.add("--skillshub.cluster.instance-id=" + name);
        command.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        return new HubInstance(name, port, log, builder.start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("hub " + name + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** The state this instance gives the source ({@code running}, {@code standby}, …), if it answers. */
    Optional<String> state(String sourceId) {
        return sourceJson(sourceId).flatMap(json -> {
            Matcher state = STATE.matcher(json);
            return state.find() ? Optional.of(state.group(1)) : Optional.empty();
        });
    }

    /** {@code GET /api/v1/sources/{id}} as this instance answers it, if it does. */
    Optional<String> sourceJson(String sourceId) {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sources/"
                    + sourceId)).header("Authorization", "Bearer " + OPS_KEY).timeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(response.body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** An API call with the ops key: its status and body; status 0 while the instance does not answer. */
    HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + OPS_KEY).timeout(Duration.ofSeconds(60));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the instance answers its API yet. */
    boolean answers() {
        try {
            return process.isAlive() && call("GET", "/api/v1/sources", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first line of the instance's log that holds {@code text}. */
    Optional<String> logLine(String text) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).findFirst();
        }
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
