package cn.henan.skillshub.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * One hub instance of a cluster run: a child JVM ({@link ClusterHub}) on the run's classpath, with a port and a
 * name of its own. {@link #kill()} is {@code kill -9} (SIGKILL: no shutdown hook, no lock released by the JVM —
 * the operating system drops the file lock with the process).
 */
final class HubInstance implements AutoCloseable {

    /** The ops key whose hash {@code cluster/hub.properties} holds (support/TestApiKeys.OPS). */
    private static final String OPS_KEY = "test-ops-key";
    private static final ObjectMapper JSON = new ObjectMapper();
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

    /**
     * The state the source has on this instance itself ({@code running}, {@code paused} on its leader,
     * {@code standby} on the others), if it answers; its {@code state} is the cluster's, as the leader reports it.
     */
    Optional<String> state(String sourceId) {
        return source(sourceId).map(source -> source.path("stateHere").asText());
    }

    /** {@code GET /api/v1/sources/{id}} as this instance answers it, if it does. */
    Optional<String> sourceJson(String sourceId) {
        return get("/api/v1/sources/" + sourceId).filter(r -> r.statusCode() == 200).map(HttpResponse::body);
    }

    Optional<JsonNode> source(String sourceId) {
        return sourceJson(sourceId).map(HubInstance::json);
    }

    /** {@code GET /api/v1/sources}: every source of the cluster, as this instance answers for it. */
    Optional<JsonNode> sources() {
        return get("/api/v1/sources").filter(r -> r.statusCode() == 200).map(r -> json(r.body()));
    }

    /** A command sent to the source through this instance, as it shows it. */
    Optional<JsonNode> command(String sourceId, String commandId) {
        return get("/api/v1/sources/" + sourceId + "/commands/" + commandId).filter(r -> r.statusCode() == 200)
                .map(r -> json(r.body()));
    }

    /** {@code POST /api/v1/sources/{id}/{action}} (pause, resume) with the ops key. */
    HttpResponse<String> post(String sourceId, String action) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/sources/" + sourceId + "/" + action))
                .header("Authorization", "Bearer " + OPS_KEY).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Optional<HttpResponse<String>> get(String path) {
        if (!process.isAlive()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Authorization", "Bearer " + OPS_KEY).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString()));
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

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** The first line of the instance's log that holds {@code text}. */
    Optional<String> logLine(String text) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).findFirst();
        }
    }

    /**
     * The instance's threads ({@code jcmd <pid> Thread.print}) written beside its log, for a run that waited in vain
     * on it; returns where, or null if the dump could not be taken.
     */
    Path dumpThreads(String why) {
        Path dump = log.resolveSibling(name + "-threads-" + why + ".txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(dump.toFile()).start();
            return jcmd.waitFor(60, TimeUnit.SECONDS) ? dump : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
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
