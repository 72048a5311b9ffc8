package cn.henan.skillshub.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The hub under test as a child JVM ({@link BenchmarkHub}) on the driver's own classpath. Stopped by its PID
 * with SIGTERM, so Spring closes it as an operator's stop would; its memory figures are read afterwards.
 */
final class HubProcess implements AutoCloseable {

    private final Process process;
    private final Path memoryFile;
    private final Path log;

    private HubProcess(Process process, Path memoryFile, Path log) {
        this.process = process;
        this.memoryFile = memoryFile;
        this.log = log;
    }

    static HubProcess start(Path workDir, String heap, List<String> jvmOptions, Map<String, String> properties,
                            String bootstrapServers) throws IOException {
        Files.createDirectories(workDir);
        Path memoryFile = workDir.resolve("hub-memory.properties");
        Path log = workDir.resolve("hub.log");
        Files.deleteIfExists(memoryFile);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchmarkHub.class.getName());
        command.add(memoryFile.toString());
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The hub's Kafka address, as a deployment gives it.
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        return new HubProcess(builder.start(), memoryFile, log);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the hub exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** The memory figures {@link BenchmarkHub} last wrote (after {@link #close()}: its final ones). */
    Properties memory() throws IOException {
        Properties memory = new Properties();
        if (Files.exists(memoryFile)) {
            try (InputStream in = Files.newInputStream(memoryFile)) {
                memory.load(in);
            }
        }
        return memory;
    }

    /** {@code kill -9}: the JVM ends at once, in the middle of whatever it does; no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
