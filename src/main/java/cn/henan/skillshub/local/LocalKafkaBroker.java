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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the single-node KRaft broker of the local default ({@code bash kafka/broker.sh start}) as a child process,
 * unless something already listens on its port, and stops it when the context closes if it was started here.
 *
 * <p>The start runs in the background while the rest of the context is built; whatever needs Kafka calls
 * {@link #awaitReady()} first. As a safety net the bean also waits in the earliest lifecycle phase, so no Camel
 * route or listener container starts before the broker is up.
 */
public class LocalKafkaBroker implements InitializingBean, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final String SCRIPT = "kafka/broker.sh";

    private final Path workDir;
    private final int port;
    private final Path dataDir;
    private final Duration startTimeout;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Process startProcess;
    private volatile boolean startedHere;
    private volatile boolean running;

    LocalKafkaBroker(Path workDir, int port, Path dataDir, Duration startTimeout) {
        this.workDir = workDir;
        this.port = port;
        this.dataDir = dataDir;
        this.startTimeout = startTimeout;
    }

    @Override
    public void afterPropertiesSet() {
        if (listening()) {
            // Most likely a broker left running by an earlier run (or started by hand): use it, and leave it be.
            log.info("Kafka already listens on 127.0.0.1:{}; using it and not starting one "
                    + "(if it is the local broker, 'bash {} stop' stops it)", port, SCRIPT);
            ready.complete(null);
            return;
        }
        Path script = workDir.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            ready.completeExceptionally(new IllegalStateException("No Kafka address is configured and " + script
                    + " does not exist, so the local broker cannot start. Run the hub from the repository root,"
                    + " or set KAFKA_BOOTSTRAP_SERVERS to a running broker."));
            return;
        }
        log.info("Starting the local Kafka broker on 127.0.0.1:{} with its data in {}", port, dataDir);
        startedHere = true;
        Thread starter = new Thread(() -> runStart(script), "local-kafka-broker-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void runStart(Path script) {
        long t0 = System.nanoTime();
        try {
            Process process = script(script, "start");
            startProcess = process;
            Thread output = forwardOutput(process);
            if (!process.waitFor(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The local Kafka broker did not start within " + startTimeout
                        + "; see " + dataDir.resolve("broker.log") + " and " + dataDir.resolve("maven.log"));
            }
            output.join(2_000); // its lines first, then ours
            if (process.exitValue() != 0) {
                throw new IllegalStateException("The local Kafka broker did not start (" + SCRIPT + " exited with "
                        + process.exitValue() + "); the reason is logged above and in "
                        + dataDir.resolve("broker.log") + ". Or set KAFKA_BOOTSTRAP_SERVERS to a running broker.");
            }
            log.info("Local Kafka broker ready on 127.0.0.1:{} after {} ms (data and broker.log in {})",
                    port, (System.nanoTime() - t0) / 1_000_000, dataDir);
            ready.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(new IllegalStateException("Interrupted while starting the local broker", e));
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e instanceof IllegalStateException ? e
                    : new IllegalStateException("Could not run " + SCRIPT + ": " + e.getMessage(), e));
        }
    }

    /**
     * Blocks until the broker accepts clients.
     *
     * @throws IllegalStateException if it did not start, or not within the start timeout
     */
    public void awaitReady() {
        try {
            ready.get(startTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("The local Kafka broker did not start", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The local Kafka broker was not ready within " + startTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the local Kafka broker", e);
        }
    }

    @Override
    public void start() {
        awaitReady();
        running = true;
    }

    @Override
    public void stop() {
        // Not here: lifecycle stop comes before the beans holding Kafka clients are destroyed, and a producer
        // closing against a vanished broker waits out its timeouts. The broker stops in destroy(), after them.
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    @Override
    public void destroy() throws Exception {
        if (!startedHere) {
            return;
        }
        startedHere = false;
        Process starting = startProcess;
        if (starting != null && starting.isAlive()) {
            // Closed while still starting (a failed context, a Ctrl-C during the first Maven resolution).
            starting.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        long t0 = System.nanoTime();
        Process process = script(workDir.resolve(SCRIPT), "stop");
        Thread output = forwardOutput(process);
        // The script escalates to KILL after 30 s; give it that and a little more.
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            log.warn("The local Kafka broker did not stop in 45 s; stop it with 'bash {} stop'", SCRIPT);
            return;
        }
        output.join(2_000);
        log.info("Local Kafka broker stopped in {} ms; its data stays in {}",
                (System.nanoTime() - t0) / 1_000_000, dataDir);
    }

    private Process script(Path script, String command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command)
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("KAFKA_PORT", Integer.toString(port));
        builder.environment().put("KAFKA_DATA_DIR", dataDir.toString());
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
