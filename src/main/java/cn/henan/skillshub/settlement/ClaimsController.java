package cn.henan.skillshub.settlement;

import cn.henan.skillshub.api.ApiClient;
import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.settlement.Ledger.ClaimStatus;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What waits, visible: the claims by status, city and reason, each with the facts it waits for; and the summary of
 * every claim that waits or was rejected, with the yuan held for want of a standard. Errors are problem+json
 * naming the parameter.
 */
@RestController
@RequestMapping(path = "/api/v1/settlement/claims", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = "skillshub.settlement.enabled", havingValue = "true", matchIfMissing = true)
class ClaimsController {

    static final int MAX_SIZE = 500;

    private final WaitingClaims claims;
    private final ReferenceData reference;

    ClaimsController(WaitingClaims claims, ReferenceData reference) {
        this.claims = claims;
        this.reference = reference;
    }

    record Page(String status, String city, String reason, int page, int size, long total,
                List<WaitingClaims.WaitingClaim> claims) {
    }

    record Summary(long heldClaims, long heldYuanAtLastStandard, long pendingClaims, long rejectedClaims,
                   List<WaitingClaims.Group> byStatusCityAndReason) {
    }

    @Operation(summary = "Claims by status (PENDING, HELD, REJECTED, APPROVED, RECOVERY_REQUIRED), city and reason, paged")
    @GetMapping
    Page list(@RequestParam(required = false) String status, @RequestParam(required = false) String city,
              @RequestParam(required = false) String reason, @RequestParam(defaultValue = "0") int page,
              @RequestParam(defaultValue = "50") int size, Authentication caller) {
        city = ApiClient.cityInScope(caller, city); // a city's key: its own city only, another is 403
        String s = status == null ? null : status.toUpperCase(Locale.ROOT);
        if (s != null && Arrays.stream(ClaimStatus.values()).noneMatch(v -> v.name().equals(s))) {
            throw ApiProblem.badRequest("status must be one of " + Arrays.toString(ClaimStatus.values()));
        }
        if (city != null && reference.city(city).isEmpty()) {
            throw ApiProblem.badRequest("city must be the GB/T 2260 code of a city of Henan, e.g. 410100");
        }
        String r = reason == null ? null : reason.toUpperCase(Locale.ROOT);
        if (r != null && Arrays.stream(SubsidyDecided.Reason.values()).noneMatch(v -> v.name().equals(r))) {
            throw ApiProblem.badRequest("reason must be one of " + Arrays.toString(SubsidyDecided.Reason.values()));
        }
        if (page < 0) {
            throw ApiProblem.badRequest("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiProblem.badRequest("size must be 1.." + MAX_SIZE);
        }
        return new Page(s, city, r, page, size, claims.count(s, city, r), claims.page(s, city, r, page, size));
    }

    @Operation(summary = "Claims that wait or were rejected, by status, city and reason; the yuan held for want of a standard")
    @GetMapping("/summary")
    Summary summary(Authentication caller) {
        String city = ApiClient.cityInScope(caller, null); // null for a province-wide key
        List<WaitingClaims.Group> groups = claims.groups().stream()
                .filter(g -> city == null || city.equals(g.cityCode())).toList();
        // A held claim has one reason (NO_STANDARD_IN_FORCE), so its yuan are in one group; counts come from the
        // claims themselves, as a rejected claim with two reasons is in two groups.
        return new Summary(claims.count("HELD", city, null),
                groups.stream().filter(g -> "HELD".equals(g.status())).mapToLong(WaitingClaims.Group::yuanAtLastStandard).sum(),
                claims.count("PENDING", city, null), claims.count("REJECTED", city, null), groups);
    }
}
