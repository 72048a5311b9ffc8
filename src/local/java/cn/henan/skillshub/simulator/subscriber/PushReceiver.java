package cn.henan.skillshub.simulator.subscriber;

import cn.henan.skillshub.delivery.PushSignature;
import cn.henan.skillshub.simulator.http.Fault;
import cn.henan.skillshub.simulator.http.FaultInjector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provincial platform's push endpoint: takes an event (binary mode: {@code ce-id}; structured mode: the
 * {@code Idempotency-Key}), refuses a bad signature with 401, counts each {@code ce_id} once (a second copy is
 * answered 200 and counted as a duplicate, as a receiver that dedupes does) and answers the faults it was told to:
 * {@code POST /simulators/subscriber/faults?fault=HTTP_500&times=3} (or {@code &always=true}), {@code DELETE} to
 * clear. {@code GET /simulators/subscriber} says what it received, {@code GET .../events/<ce_id>} whether it took one.
 */
@RestController
@RequestMapping("/simulators/subscriber")
class PushReceiver {

    private final String secret;
    private final FaultInjector faults = new FaultInjector();
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong faultsAnswered = new AtomicLong();

    PushReceiver(@Value("${skillshub.simulator.subscriber.secret:}") String secret) {
        this.secret = secret;
    }

    @PostMapping("/events")
    ResponseEntity<Map<String, Object>> take(@RequestBody byte[] body,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String ceId,
                                             @RequestHeader(name = PushSignature.TIMESTAMP, required = false) String at,
                                             @RequestHeader(name = PushSignature.SIGNATURE, required = false) String sig)
            throws InterruptedException {
        Fault fault = faults.take();
        if (fault != null) {
            faultsAnswered.incrementAndGet();
            switch (fault) {
                case TIMEOUT -> Thread.sleep(30_000);
                case SLOW -> Thread.sleep(1_000);
                case HTTP_429 -> {
                    return ResponseEntity.status(429).header("Retry-After", "1").body(Map.of("error", "slow down"));
                }
                case BAD_SIGNATURE -> {
                    return ResponseEntity.status(400).body(Map.of("error", "this event is refused"));
                }
                default -> {
                    return ResponseEntity.status(500).body(Map.of("error", "simulated failure"));
                }
            }
        }
        if (!PushSignature.verify(secret, ceId, at, body, sig)) {
            badSignatures.incrementAndGet();
            return ResponseEntity.status(401).body(Map.of("error", "bad signature"));
        }
        if (!received.add(ceId)) {
            duplicates.incrementAndGet();
        }
        return ResponseEntity.ok(Map.of("ceId", ceId));
    }

    @GetMapping
    Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("received", received.size());
        counts.put("duplicates", duplicates.get());
        counts.put("badSignatures", badSignatures.get());
        counts.put("faultsAnswered", faultsAnswered.get());
        counts.put("pendingFaults", faults.pendingFaults());
        return counts;
    }

    /** 200 if the event of this id was taken, 404 if not. */
    @GetMapping("/events/{ceId}")
    ResponseEntity<Map<String, Object>> received(@org.springframework.web.bind.annotation.PathVariable String ceId) {
        return received.contains(ceId) ? ResponseEntity.ok(Map.of("ceId", ceId, "received", true))
                : ResponseEntity.status(404).body(Map.of("ceId", ceId, "received", false));
    }

    @PostMapping("/faults")
    Map<String, Object> inject(@RequestParam Fault fault, @RequestParam(defaultValue = "1") int times,
                               @RequestParam(defaultValue = "false") boolean always) {
        if (always) {
            faults.always(fault);
        } else {
            faults.inject(fault, times);
        }
        return Map.of("fault", fault, "always", always, "pending", faults.pendingFaults());
    }

    @DeleteMapping("/faults")
    Map<String, Object> clear() {
        faults.clear();
        return Map.of("faults", "cleared");
    }
}
