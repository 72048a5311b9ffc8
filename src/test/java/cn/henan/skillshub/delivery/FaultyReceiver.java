package cn.henan.skillshub.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A subscriber's HTTP endpoint with faults on command (a real JDK HTTP server on a free port): for each push it
 * asks {@link #answers} what to do with the event of that {@code ce-id} (or, in structured mode, of that document's
 * id) — a status, or {@link #TIMEOUT} to answer only after the hub gave up — and records what came, with the
 * signature checked.
 */
final class FaultyReceiver implements AutoCloseable {

    static final int TIMEOUT = -1;

    /** One push as it arrived. */
    record Push(String ceId, String contentType, Map<String, String> ceHeaders, byte[] body, boolean signed,
                int answered) {
    }

    private final HttpServer server;
    private final String secret;
    private final long timeoutMillis;
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    volatile Function<String, Integer> answers = ceId -> 200;
    volatile Function<byte[], String> idOfBody = body -> null;

    FaultyReceiver(String secret, long timeoutMillis) throws IOException {
        this.secret = secret;
        this.timeoutMillis = timeoutMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/events", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    List<Push> pushes() {
        return Collections.unmodifiableList(new ArrayList<>(pushes));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> ce = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (name.toLowerCase().startsWith("ce-")) {
                ce.put(name.toLowerCase(), values.get(0));
            }
        });
        String ceId = ce.containsKey("ce-id") ? ce.get("ce-id") : idOfBody.apply(body);
        boolean signed = PushSignature.verify(secret, ceId,
                exchange.getRequestHeaders().getFirst(PushSignature.TIMESTAMP), body,
                exchange.getRequestHeaders().getFirst(PushSignature.SIGNATURE))
                && ceId != null && ceId.equals(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        int status = answers.apply(ceId);
        pushes.add(new Push(ceId, exchange.getRequestHeaders().getFirst("Content-Type"), Map.copyOf(ce), body, signed,
                status));
        try {
            if (status == TIMEOUT) {
                Thread.sleep(timeoutMillis);
                status = 200;
            }
            byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the hub hung up (its timeout): as a real server, nothing to do
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
