package cn.henan.skillshub.simulator.evaluation;

import cn.henan.skillshub.simulator.http.Fault;
import cn.henan.skillshub.simulator.http.FaultInjector;
import cn.henan.skillshub.simulator.http.PagedRecords;
import cn.henan.skillshub.simulator.http.SimulatedAnswer;
import cn.henan.skillshub.simulator.http.SimulatorSettings;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The evaluation bodies' records API: {@code GET /simulators/evaluation-body/{bodyId}/records?updatedSince=&pageToken=&pageSize=}
 * with {@code X-Api-Token: <token>}, answering {@code {"records": [...], "nextPageToken": ...}}; and the
 * admin endpoints that switch faults on and off for a local run.
 */
@RestController
@RequestMapping("/simulators/evaluation-body/{bodyId}")
class EvaluationBodySimulatorController {

    private static final int MAX_PAGE_SIZE = 1000;

    private final EvaluationBodySimulators bodies;
    private final SimulatedAnswer answers;

    EvaluationBodySimulatorController(EvaluationBodySimulators bodies, SimulatorSettings settings) {
        this.bodies = bodies;
        this.answers = settings.answers();
    }

    @GetMapping("/records")
    ResponseEntity<byte[]> records(@PathVariable String bodyId,
                                   @RequestHeader(name = "X-Api-Token", required = false) String token,
                                   @RequestParam(required = false) String updatedSince,
                                   @RequestParam(required = false) String pageToken,
                                   @RequestParam(defaultValue = "100") int pageSize) {
        EvaluationBodySimulator body = bodies.body(bodyId);
        FaultInjector faults = body.faults();
        Fault due = faults.take();
        ResponseEntity<byte[]> fault = answers.faultOrNull(faults, due);
        if (fault != null) {
            return fault;
        }
        if (token == null || !token.equals(bodies.token())) {
            return SimulatedAnswer.error(HttpStatus.UNAUTHORIZED, "missing or wrong API token");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return SimulatedAnswer.error(HttpStatus.BAD_REQUEST, "pageSize must be 1.." + MAX_PAGE_SIZE);
        }
        PagedRecords.Page page;
        try {
            page = body.records().page(updatedSince, pageToken, pageSize);
        } catch (IllegalArgumentException e) {
            return SimulatedAnswer.error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return answers.page(page, due);
    }

    /**
     * Body ICT's API ({@link BodySpellings#ict}): {@code GET .../ict-records?updatedSince=&offset=&limit=} with
     * {@code X-Api-Token}, answering {@code {"code": 0, "data": {"total": n, "list": [...]}}} in its own spelling.
     */
    @GetMapping("/ict-records")
    ResponseEntity<?> ictRecords(@PathVariable String bodyId,
                                 @RequestHeader(name = "X-Api-Token", required = false) String token,
                                 @RequestParam(required = false) String updatedSince,
                                 @RequestParam(defaultValue = "0") int offset,
                                 @RequestParam(defaultValue = "100") int limit) {
        EvaluationBodySimulator body = bodies.body(bodyId);
        Fault due = body.faults().take();
        ResponseEntity<byte[]> fault = answers.faultOrNull(body.faults(), due);
        if (fault != null) {
            return fault;
        }
        if (token == null || !token.equals(bodies.token())) {
            return SimulatedAnswer.error(HttpStatus.UNAUTHORIZED, "missing or wrong API token");
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE || offset < 0) {
            return SimulatedAnswer.error(HttpStatus.BAD_REQUEST, "limit must be 1.." + MAX_PAGE_SIZE);
        }
        PagedRecords.OffsetPage page;
        try {
            page = body.records().offsetPage(updatedSince, offset, limit);
        } catch (IllegalArgumentException e) {
            return SimulatedAnswer.error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        List<Map<String, Object>> list = page.records().stream()
                .map(r -> BodySpellings.ict(r, bodies.reference())).toList();
        return ResponseEntity.ok(Map.of("code", 0, "data", Map.of("total", page.total(), "list", list)));
    }

    /** Admin: {@code POST .../faults?fault=HTTP_500&times=3}, or {@code &always=true}; {@code retryAfter} for 429. */
    @PostMapping("/faults")
    Map<String, Object> inject(@PathVariable String bodyId, @RequestParam Fault fault,
                               @RequestParam(defaultValue = "1") int times,
                               @RequestParam(defaultValue = "false") boolean always,
                               @RequestParam(defaultValue = "1") int retryAfter) {
        FaultInjector faults = bodies.body(bodyId).faults().retryAfterSeconds(retryAfter);
        if (always) {
            faults.always(fault);
        } else {
            faults.inject(fault, times);
        }
        return Map.of("bodyId", bodyId, "fault", fault, "always", always, "pending", faults.pendingFaults());
    }

    @DeleteMapping("/faults")
    Map<String, Object> clear(@PathVariable String bodyId) {
        bodies.body(bodyId).faults().clear();
        return Map.of("bodyId", bodyId, "faults", "cleared");
    }
}
