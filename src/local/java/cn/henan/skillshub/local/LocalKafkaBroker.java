package cn.henan.skillshub.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local default's single-node KRaft broker, {@code bash kafka/broker.sh start} as a child process: Kafka's own
 * jars (resolved by Maven from {@code kafka/broker/pom.xml}) in a JVM of their own, so neither their classes nor
 * their heap join the hub's. The script reads {@code KAFKA_PORT}, {@code KAFKA_DATA_DIR} and {@code KAFKA_HEAP}
 * from the environment it inherits; it runs the broker in a session of its own, so a Ctrl-C reaches the broker
 * only through {@link #stop()}, after the hub's clients have closed.
 */
final class LocalKafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final String SCRIPT = "kafka/broker.sh";
    /** The script waits up to 60 s for the broker; a first start also resolves the broker's jars with Maven. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path workDir;
    private final int port;
    private volatile Process starting;
    private volatile boolean startedHere;

    LocalKafkaBroker(Path workDir, int port) {
        this.workDir = workDir;
        this.port = port;
    }

    /**
     * Starts the broker and returns once it accepts clients. A broker already listening on the port (left by an
     * earlier run, or started by hand) is used and left running.
     *
     * @throws IllegalStateException if it cannot start, with the reason the script gave
     */
    void start() {
        if (listening()) {
            log.info("Kafka already listens on 127.0.0.1:{}; using it and not starting one "
                    + "(if it is the local broker, 'bash {} stop' stops it)", port, SCRIPT);
            return;
        }
        Path script = workDir.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " does not exist, so the local broker cannot start. Run from"
                    + " the repository root, or set KAFKA_BOOTSTRAP_SERVERS to a running broker.");
        }
        log.info("Starting the local Kafka broker on 127.0.0.1:{} ({} start)", port, SCRIPT);
        long t0 = System.nanoTime();
        startedHere = true;
        try {
            Process process = script("start");
            starting = process;
            Thread output = forwardOutput(process);
            if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The local Kafka broker did not start within " + START_TIMEOUT
                        + "; see data/kafka/broker.log and data/kafka/maven.log");
            }
            output.join(2_000); // its lines first, then ours
            if (process.exitValue() != 0) {
                throw new IllegalStateException("The local Kafka broker did not start (" + SCRIPT + " exited with "
                        + process.exitValue() + "; the reason is logged above). Or set KAFKA_BOOTSTRAP_SERVERS"
                        + " to a running broker.");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + SCRIPT + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the local Kafka broker", e);
        } finally {
            starting = null;
        }
        log.info("Local Kafka broker ready on 127.0.0.1:{} after {} ms", port, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Stops the broker if {@link #start()} started it, also one still starting; any number of times. */
    synchronized void stop() {
        if (!startedHere) {
            return;
        }
        startedHere = false;
        try {
            Process process = starting;
            if (process != null && process.isAlive()) {
                // Stopped while still starting (a Ctrl-C during the first Maven resolution): the script's stop
                // below then finds the broker's PID file, if the broker got that far.
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            long t0 = System.nanoTime();
            Process stop = script("stop");
            Thread output = forwardOutput(stop);
            // The script escalates to KILL after KAFKA_STOP_TIMEOUT (30 s); give it that and a little more.
            if (!stop.waitFor(45, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
                log.warn("The local Kafka broker did not stop in 45 s; stop it with 'bash {} stop'", SCRIPT);
                return;
            }
            output.join(2_000);
            log.info("Local Kafka broker stopped in {} ms; its data stays for the next run",
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            log.warn("Could not stop the local Kafka broker ({}); stop it with 'bash {} stop'", e.toString(), SCRIPT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping the local Kafka broker; stop it with 'bash {} stop'", SCRIPT);
        }
    }

    private Process script(String command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", workDir.resolve(SCRIPT).toString(), command)
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("KAFKA_PORT", Integer.toString(port));
        Process process = builder.start();
        process.getOutputStream().close(); // the script reads nothing
        return process;
    }

    /** The script's own lines are progress; anything else (Maven's output, the broker log's tail) is trouble. */
    private static Thread forwardOutput(Process process) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("[kafka-broker] ")) {
                        log.info("{}", line.substring("[kafka-broker] ".length()));
                    } else {
                        log.warn("{}", line);
                    }
                }
            } catch (IOException e) {
                log.debug("Stopped reading {} output", SCRIPT, e);
            }
        }, "local-kafka-broker-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
