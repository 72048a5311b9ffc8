package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.RejectReason;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 施行 (the plan's last line, and its preamble): "本方案自印发之日起施行", resting on 人社部发〔2021〕73号 and
 * 人社厅发〔2021〕71号 — the programme runs from the measures of 2021 on, so a fact of it (an enrolment, a completion, a
 * certificate issued, CE hours registered) cannot be dated before the programme could have started, nor later than
 * today (plus a tolerance for clocks and time zones), and nothing ends before it starts. Such a record is not a fact
 * the hub can publish: it is rejected with {@link RejectReason#IMPOSSIBLE_DATE} and the field it names, and can be
 * replayed once the source corrects it. (A flag would publish the date 2999-01-01 as true, and every consumer would
 * have to know to ignore it; the existing reject reason is the plan's "impossible date".)
 *
 * <p>The earliest date defaults to 2021-01-01, the year of the two national measures the plan builds on (the
 * catalogue's institutions were chosen under them); the tolerance to one day. Both are settings:
 * {@code skillshub.rules.earliest-date}, {@code skillshub.rules.future-tolerance}.
 */
public final class PlausibleDates implements PlanRule {

    public static final LocalDate DEFAULT_EARLIEST = LocalDate.of(2021, 1, 1);
    public static final Period DEFAULT_FUTURE_TOLERANCE = Period.ofDays(1);
    /** The programme's days are days in China. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final Clock clock;
    private final Period futureTolerance;
    private final LocalDate earliest;

    /** The defaults, on the system clock. */
    public PlausibleDates() {
        this(Clock.system(CHINA), DEFAULT_FUTURE_TOLERANCE, DEFAULT_EARLIEST);
    }

    public PlausibleDates(Clock clock, Period futureTolerance, LocalDate earliest) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
        this.earliest = Objects.requireNonNull(earliest, "earliest");
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException("future tolerance " + futureTolerance + " is negative");
        }
    }

    /** The last day a fact may carry: today in China plus the tolerance. */
    public LocalDate latest() {
        return LocalDate.now(clock.withZone(CHINA)).plus(futureTolerance);
    }

    public LocalDate earliest() {
        return earliest;
    }

    /** Why a fact's date cannot be true (a sentence to follow the field's name), or empty when it can. */
    public Optional<String> implausible(LocalDate date) {
        if (date == null) {
            return Optional.empty();
        }
        LocalDate latest = latest();
        if (date.isAfter(latest)) {
            return Optional.of(date + " is in the future (after " + latest + ", today + " + futureTolerance + ")");
        }
        if (date.isBefore(earliest)) {
            return Optional.of(date + " is before " + earliest + ", before the programme could have started");
        }
        return Optional.empty();
    }

    /** The same for a year (the CE hour registry registers hours for a year). */
    public Optional<String> implausibleYear(int year) {
        if (year > latest().getYear()) {
            return Optional.of("year " + year + " is in the future");
        }
        if (year < earliest.getYear()) {
            return Optional.of("year " + year + " is before the programme could have started (" + earliest.getYear()
                    + ")");
        }
        return Optional.empty();
    }

    /** Whether a period ends before it starts; an open end ({@code null}) does not. */
    public static boolean endsBeforeStart(LocalDate start, LocalDate end) {
        return start != null && end != null && end.isBefore(start);
    }

    @Override
    public String id() {
        return "PLAUSIBLE_DATES";
    }

    @Override
    public String clause() {
        return "施行";
    }

    @Override
    public String planWords() {
        return "本方案自印发之日起施行";
    }

    @Override
    public String english() {
        return "The plan applies from its printing, on the national measures of 2021: no fact of the programme is "
                + "dated before it could start, in the future, or ending before it starts.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(RejectReason.IMPOSSIBLE_DATE);
    }
}
