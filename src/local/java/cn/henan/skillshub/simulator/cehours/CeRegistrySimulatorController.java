package cn.henan.skillshub.simulator.cehours;

import cn.henan.skillshub.simulator.http.Fault;
import cn.henan.skillshub.simulator.http.FaultInjector;
import cn.henan.skillshub.simulator.http.PagedRecords;
import cn.henan.skillshub.simulator.http.SimulatedAnswer;
import cn.henan.skillshub.simulator.http.SimulatorSettings;
import cn.henan.skillshub.sources.rest.HmacRequestSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CE hour registry's API: {@code GET /simulators/ce-registry/registrations?updatedSince=&pageToken=&pageSize=},
 * signed (see {@link HmacRequestSignature}); a stale timestamp, a replayed nonce or a wrong signature is a 401 with
 * the reason. Admin endpoints switch faults for a local run.
 */
@RestController
@RequestMapping("/simulators/ce-registry")
class CeRegistrySimulatorController {

    private static final int MAX_PAGE_SIZE = 1000;

    private final CeRegistrySimulators registry;
    private final SimulatedAnswer answers;

    CeRegistrySimulatorController(CeRegistrySimulators registry, SimulatorSettings settings) {
        this.registry = registry;
        this.answers = settings.answers();
    }

    @GetMapping("/registrations")
    ResponseEntity<byte[]> registrations(HttpServletRequest request,
                                         @RequestParam(required = false) String updatedSince,
                                         @RequestParam(required = false) String pageToken,
                                         @RequestParam(defaultValue = "100") int pageSize) {
        CeRegistrySimulator simulator = registry.simulator();
        FaultInjector faults = simulator.faults();
        Fault due = faults.take();
        ResponseEntity<byte[]> fault = answers.faultOrNull(faults, due);
        if (fault != null) {
            return fault;
        }
        String refusal = registry.signatures().refusal(request.getMethod(), request.getRequestURI(),
                request.getQueryString(), request.getHeader(HmacRequestSignature.APP_KEY),
                request.getHeader(HmacRequestSignature.TIMESTAMP), request.getHeader(HmacRequestSignature.NONCE),
                request.getHeader(HmacRequestSignature.SIGNATURE));
        if (refusal != null) {
            return SimulatedAnswer.error(HttpStatus.UNAUTHORIZED, refusal);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return SimulatedAnswer.error(HttpStatus.BAD_REQUEST, "pageSize must be 1.." + MAX_PAGE_SIZE);
        }
        PagedRecords.Page page;
        try {
            page = simulator.records().page(updatedSince, pageToken, pageSize);
        } catch (IllegalArgumentException e) {
            return SimulatedAnswer.error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return answers.page(page, due);
    }

    @PostMapping("/faults")
    Map<String, Object> inject(@RequestParam Fault fault, @RequestParam(defaultValue = "1") int times,
                               @RequestParam(defaultValue = "false") boolean always,
                               @RequestParam(defaultValue = "1") int retryAfter) {
        FaultInjector faults = registry.simulator().faults().retryAfterSeconds(retryAfter);
        if (always) {
            faults.always(fault);
        } else {
            faults.inject(fault, times);
        }
        return Map.of("fault", fault, "always", always, "pending", faults.pendingFaults());
    }

    @DeleteMapping("/faults")
    Map<String, Object> clear() {
        registry.simulator().faults().clear();
        return Map.of("faults", "cleared");
    }
}
