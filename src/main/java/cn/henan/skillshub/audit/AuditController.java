package cn.henan.skillshub.audit;

import cn.henan.skillshub.api.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: the audit trail, newest first, for AUDITOR. There is no way to change it. */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    static final int MAX_SIZE = 500;

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @Operation(summary = "Audit records (state-changing calls, refused keys): filter by time, caller, target; paged")
    @GetMapping
    AuditTrail.Page find(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                         @RequestParam(required = false) String caller, @RequestParam(required = false) String target,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw ApiProblem.badRequest("parameter page: expected 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblem.badRequest("parameter size: expected 1 to " + MAX_SIZE);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.badRequest("parameter from: expected before to");
        }
        return trail.find(from, to, caller, target, page, size);
    }
}
