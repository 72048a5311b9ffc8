package cn.henan.skillshub.settlement;

import cn.henan.skillshub.reference.City;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import cn.henan.skillshub.api.ApiClient;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a city's finance bureau pays in a month: approved claims by occupation and level with their total, and
 * how many were held, rejected, or are to be recovered. Counted from the ledger's decisions, by the day they were
 * made (China Standard Time) and the paying city (the training institution's).
 */
@RestController
@RequestMapping(path = "/api/v1/settlement", produces = MediaType.APPLICATION_JSON_VALUE)
class SettlementSummaryController {

    private static final Pattern CITY = Pattern.compile("\\d{6}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final SettlementSummaries summaries;
    private final ReferenceData reference;

    SettlementSummaryController(SettlementSummaries summaries, ReferenceData reference) {
        this.summaries = summaries;
        this.reference = reference;
    }

    record ApprovedCell(String occupationCode, String occupationName, String level, long count, long totalYuan) {
    }

    record Summary(String city, String cityName, String month, long approvedCount, long approvedTotalYuan,
                   List<ApprovedCell> approved, long heldCount, long rejectedCount, long recoveryRequiredCount,
                   long recoveryRequiredTotalYuan) {
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    @GetMapping("/summary")
    Summary summary(@RequestParam(name = "city", required = false) String asked, @RequestParam("month") String month,
                    Authentication caller) {
        // A city key asks for its own city (or none: its own); another city is 403.
        String city = ApiClient.cityInScope(caller, asked);
        if (city == null) {
            throw new BadRequest("parameter city is required, e.g. ?city=410100&month=2025-06");
        }
        if (!CITY.matcher(city).matches()) {
            throw new BadRequest("city must be a six-digit GB/T 2260 code, e.g. 410100");
        }
        City known = reference.city(city)
                .orElseThrow(() -> new BadRequest("city " + city + " is not one of Henan's prefecture-level cities"));
        YearMonth yearMonth;
        try {
            if (!MONTH.matcher(month).matches()) {
                throw new DateTimeParseException("not yyyy-MM", month, 0);
            }
            yearMonth = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new BadRequest("month must be yyyy-MM, e.g. 2025-06");
        }
        SettlementSummaries.Totals totals = summaries.of(city, yearMonth.atDay(1).atStartOfDay(CHINA).toOffsetDateTime(),
                yearMonth.plusMonths(1).atDay(1).atStartOfDay(CHINA).toOffsetDateTime());
        List<ApprovedCell> cells = totals.approved().stream()
                .map(c -> new ApprovedCell(c.occupationCode(),
                        reference.occupation(c.occupationCode()).map(Occupation::name).orElse(null), c.level(),
                        c.count(), c.totalYuan()))
                .toList();
        return new Summary(city, known.name(), yearMonth.toString(),
                cells.stream().mapToLong(ApprovedCell::count).sum(),
                cells.stream().mapToLong(ApprovedCell::totalYuan).sum(), cells,
                totals.countOf("HELD"), totals.countOf("REJECTED"), totals.countOf("RECOVERY_REQUIRED"),
                totals.recoveryTotalYuan());
    }

    /**
     * The decisions on the claims a city pays, in a month (China Standard Time), newest first. A key limited to a
     * city sees its own city only. (What waits, by status and reason, is {@link ClaimsController}'s.)
     */
    @GetMapping("/decisions")
    List<SettlementSummaries.Claim> decisions(@RequestParam(name = "city", required = false) String asked,
                                           @RequestParam("month") String month,
                                           @RequestParam(defaultValue = "100") int limit, Authentication caller) {
        String city = ApiClient.cityInScope(caller, asked);
        if (city == null) {
            throw new BadRequest("parameter city is required, e.g. ?city=410100&month=2025-06");
        }
        if (!CITY.matcher(city).matches() || reference.city(city).isEmpty()) {
            throw new BadRequest("parameter city: expected the six-digit code of a Henan prefecture city, e.g. 410100");
        }
        if (limit < 1 || limit > 1000) {
            throw new BadRequest("parameter limit: expected 1 to 1000");
        }
        YearMonth yearMonth = month(month);
        return summaries.claims(city, yearMonth.atDay(1).atStartOfDay(CHINA).toOffsetDateTime(),
                yearMonth.plusMonths(1).atDay(1).atStartOfDay(CHINA).toOffsetDateTime(), limit);
    }

    private static YearMonth month(String month) {
        try {
            if (!MONTH.matcher(month).matches()) {
                throw new DateTimeParseException("not yyyy-MM", month, 0);
            }
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new BadRequest("month must be yyyy-MM, e.g. 2025-06");
        }
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequest e) {
        return problem(e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return problem("parameter " + e.getParameterName() + " is required, e.g. ?city=410100&month=2025-06");
    }

    /** The hub's problem document; {@code message} too, as this endpoint answered before problem documents. */
    private static ResponseEntity<ProblemDetail> problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("message", detail);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
