package cn.henan.skillshub.simulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Turns a page into the HTTP answer, or into the fault the endpoint's injector says is due. */
public final class SimulatedAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeoutSleep;
    private final Duration slowSleep;

    public SimulatedAnswer(Duration timeoutSleep, Duration slowSleep) {
        this.timeoutSleep = timeoutSleep;
        this.slowSleep = slowSleep;
    }

    /** The fault due now, answered, or null when the request is to be served normally (perhaps slowly). */
    public ResponseEntity<byte[]> faultOrNull(FaultInjector faults, Fault due) {
        if (due == null) {
            return null;
        }
        return switch (due) {
            case HTTP_500 -> error(HttpStatus.INTERNAL_SERVER_ERROR, "simulated internal error");
            case HTTP_429 -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Integer.toString(faults.retryAfterSeconds()))
                    .contentType(MediaType.APPLICATION_JSON).body(json(Map.of("error", "rate limit exceeded")));
            case TIMEOUT -> {
                sleep(timeoutSleep);
                yield error(HttpStatus.GATEWAY_TIMEOUT, "simulated timeout");
            }
            case BAD_SIGNATURE -> error(HttpStatus.UNAUTHORIZED, "bad signature");
            case SLOW -> {
                sleep(slowSleep);
                yield null;
            }
            case TRUNCATED_JSON -> null;
        };
    }

    public ResponseEntity<byte[]> page(PagedRecords.Page page, Fault due) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", page.records());
        body.put("nextPageToken", page.nextPageToken());
        byte[] json = json(body);
        if (due == Fault.TRUNCATED_JSON) {
            byte[] cut = new byte[Math.max(1, json.length / 2)];
            System.arraycopy(json, 0, cut, 0, cut.length);
            json = cut;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    public static ResponseEntity<byte[]> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(json(Map.of("error", message)));
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
