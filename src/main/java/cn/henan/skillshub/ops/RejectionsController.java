package cn.henan.skillshub.ops;

import cn.henan.skillshub.api.ApiClient;
import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.runtime.ClusterChannel;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rejected records (personal fields masked), and their replay once the source is fixed. */
@RestController
@RequestMapping(path = "/api/v1/rejections", produces = MediaType.APPLICATION_JSON_VALUE)
class RejectionsController {

    private static final int MAX_LIMIT = 500;

    private final Rejections rejections;
    private final RejectionReplay replay;
    private final ReferenceData reference;
    private final ClusterChannel channel;

    RejectionsController(Rejections rejections, RejectionReplay replay, ReferenceData reference,
                         ClusterChannel channel) {
        this.rejections = rejections;
        this.replay = replay;
        this.reference = reference;
        this.channel = channel;
    }

    @Operation(summary = "Rejected records, newest first; filter by source, reason code and time [from, to)")
    @GetMapping
    List<Rejection> find(@RequestParam(required = false) String source,
                         @RequestParam(required = false) String reason,
                         @RequestParam(required = false) Instant from,
                         @RequestParam(required = false) Instant to,
                         @RequestParam(required = false) String city,
                         @RequestParam(defaultValue = "50") int limit,
                         Authentication caller) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be 1.." + MAX_LIMIT);
        }
        if (reason != null && Arrays.stream(RejectReason.values()).noneMatch(r -> r.name().equals(reason))) {
            throw ApiProblem.badRequest("reason must be one of " + Arrays.toString(RejectReason.values()));
        }
        String inScope = ApiClient.cityInScope(caller, city);
        return rejections.find(source, reason, from, to, limit, inScope == null ? null : institutionsOf(inScope));
    }

    /** The institutions of a city, in any catalogue version the hub holds: a reject names one by its name. */
    private List<String> institutionsOf(String city) {
        if (reference.city(city).isEmpty()) {
            throw ApiProblem.badRequest("parameter city: expected a six-digit code of a Henan prefecture city");
        }
        return reference.institutions().stream().filter(i -> city.equals(i.cityCode()))
                .map(cn.henan.skillshub.reference.Institution::name).distinct().toList();
    }

    @Operation(summary = "One rejected record")
    @GetMapping("/{id}")
    Rejection one(@PathVariable String id, Authentication caller) {
        Rejection rejection = rejections.byId(id).orElseThrow(() -> ApiProblem.notFound("no rejection '" + id + "'"));
        String inScope = ApiClient.cityInScope(caller, null);
        if (inScope != null && !institutionsOf(inScope).contains(String.valueOf(rejection.record()
                .get("institution_name")))) {
            throw ApiProblem.notFound("no rejection '" + id + "'");
        }
        return rejection;
    }

    @Operation(summary = "Replay a rejected record after its source was fixed (OPS); published once")
    @PostMapping("/{id}/replay")
    ResponseEntity<Object> replay(@PathVariable String id, Authentication caller) {
        if (channel.clustered()) {
            RejectionReplay.Ordered ordered = replay.order(id, caller.getName());
            return ResponseEntity.accepted().location(URI.create("/api/v1/sources/" + ordered.routeId()
                    + "/commands/" + ordered.command().id())).body(ordered.command());
        }
        return ResponseEntity.ok(replay.replay(id, caller.getName()));
    }
}
