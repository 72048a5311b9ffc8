package cn.henan.skillshub.benchmark;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.CeHoursCategory;
import cn.henan.skillshub.events.CeHoursRegistered;
import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.CertificateRevoked;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.PaymentMode;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.events.TrainingEnrolled;
import cn.henan.skillshub.events.TrainingHoursRecorded;
import cn.henan.skillshub.person.IdNumber;
import cn.henan.skillshub.person.InvalidIdNumberException;
import cn.henan.skillshub.person.PersonIdentity;
import cn.henan.skillshub.person.PersonKeys;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.reference.SubsidyStandard;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The people of the settlement benchmark and the events the hub would publish about them, in the hub's own form
 * (canonical events with person keys from {@link PersonKeys}, enveloped by the caller with {@code EventEnvelope}).
 * Each person is of one {@link Kind}, which plants the case a rule exists for, and knows the decisions it must
 * lead to: the report's counts by decision and reason are checked against the sum of them.
 *
 * <p>Deterministic: person {@code i} of a run prefix is always the same person with the same events.
 */
final class SettlementWorkload {

    static final String TRAINING_SOURCE = "/sources/realname-training";
    static final String ASSESSMENT_SOURCE = "/sources/evaluation-body-ai";
    static final String CE_SOURCE = "/sources/ce-hours-registry";
    static final String EVALUATION_BODY = "河南省人工智能学会评价中心";
    /** Well formed, and in no edition of the occupation classification. */
    static final String UNKNOWN_OCCUPATION = "9-99-99-99";
    static final String ZHENGZHOU = "410100";
    /** Districts of Zhengzhou: the people of each period are born in their own. */
    private static final List<String> AREAS = List.of("410102", "410103", "410104", "410105", "410106", "410108",
            "410122");

    /** The case one person plants, with its share in every 200 people. */
    enum Kind {
        APPROVED(0), HOURS_SHORT(10), RETIRED(4), REVOKED_AFTER_APPROVAL(4), REVOKED_BEFORE_COMPLETION(2),
        REDELIVERED(4), SECOND_TRAINING_SAME_LEVEL(2), LOWER_AFTER_HIGHER(2), CERTIFICATE_WITHOUT_COMPLETION(2),
        UNKNOWN_OCCUPATION(1);

        final int per200;

        Kind(int per200) {
            this.per200 = per200;
        }

        static Kind of(long index) {
            int slot = (int) (index % 200);
            int from = 0;
            for (Kind kind : values()) {
                if (kind != APPROVED && slot >= from && slot < from + kind.per200) {
                    return kind;
                }
                from += kind == APPROVED ? 0 : kind.per200;
            }
            return APPROVED;
        }
    }

    /**
     * One event to publish; {@code joins} names the claim (enrolment) whose join this event completes. A deferred
     * event is published only once the service has read everything before it: it comes weeks later in life
     * (a revocation after the approval), and the person's events on the other topic must not overtake it.
     */
    record Planned(CanonicalEvent event, String joins, boolean deferred) {

        Planned(CanonicalEvent event, String joins) {
            this(event, joins, false);
        }
    }

    /** One person's events in the order the hub publishes them, and the decisions they must lead to. */
    record Person(List<Planned> events, List<String> expected, int parked) {
    }

    /** Where a batch of people's claims arise: the days of their training and certificates. */
    record Period(String prefix, int number, LocalDate firstCompletion, int days, boolean held, boolean plain) {
    }

    private final PersonKeys keys;
    private final List<Cell> cells;
    private final Cell twoLevels;
    private final Cell twoLevelsLower;
    private final List<String> institutions;

    private record Cell(String occupationCode, Level level, int requiredHours) {
    }

    SettlementWorkload(ReferenceData reference, String keySecret) {
        this.keys = new PersonKeys(keySecret);
        List<SubsidyStandard> annex3 = reference.subsidyStandards();
        this.cells = annex3.stream().map(s -> new Cell(s.occupationCode(), s.level(), s.requiredHours())).distinct()
                .toList();
        Map<String, List<Cell>> byOccupation = cells.stream()
                .collect(Collectors.groupingBy(Cell::occupationCode, TreeMap::new, Collectors.toList()));
        List<Cell> withSenior = byOccupation.values().stream()
                .filter(l -> l.stream().anyMatch(c -> c.level() == Level.SENIOR)
                        && l.stream().anyMatch(c -> c.level() == Level.JUNIOR))
                .findFirst().orElseThrow(() -> new IllegalStateException("Annex 3 has no occupation with two levels"));
        this.twoLevels = withSenior.stream().filter(c -> c.level() == Level.SENIOR).findFirst().orElseThrow();
        this.twoLevelsLower = withSenior.stream().filter(c -> c.level() == Level.JUNIOR).findFirst().orElseThrow();
        this.institutions = reference.institutions().stream().map(i -> i.name()).distinct().limit(20).toList();
    }

    /** The standard cells of Annex 3 as the body of a new version's PUT, valid {@code from} .. {@code to}. */
    String standardVersionBody(LocalDate from, LocalDate to) {
        StringBuilder json = new StringBuilder("{\"validFrom\":\"" + from + "\",\"validTo\":\"" + to + "\",\"cells\":[");
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            json.append(i == 0 ? "" : ",").append("{\"occupationCode\":\"").append(c.occupationCode())
                    .append("\",\"level\":\"").append(c.level().name()).append("\",\"requiredHours\":")
                    .append(c.requiredHours()).append(",\"subsidyYuan\":").append(subsidyOf(c)).append('}');
        }
        return json.append("]}").toString();
    }

    private static final Map<Level, Integer> NEW_AMOUNTS = Map.of(Level.JUNIOR, 1500, Level.INTERMEDIATE, 2000,
            Level.SENIOR, 2500);

    private static int subsidyOf(Cell c) {
        return NEW_AMOUNTS.get(c.level());
    }

    /**
     * Person {@code index} of {@code period}. In a period of held claims (or a plain one, the trickle's) every person
     * is a plain claim (APPROVED or HOURS_SHORT once a standard is in force), held first if the period is held.
     */
    Person person(long index, Period period) {
        Kind kind = period.held() || period.plain() ? (index % 10 == 0 ? Kind.HOURS_SHORT : Kind.APPROVED)
                : Kind.of(index);
        PersonIdentity id = identity(index, period);
        String tag = period.prefix() + index;
        Cell cell = kind == Kind.LOWER_AFTER_HIGHER ? twoLevels : cells.get((int) (index % cells.size()));
        LocalDate completedOn = period.firstCompletion().plusDays(index % period.days());
        LocalDate issuedOn = completedOn.plusDays(3 + index % 7);
        String institution = institutions.get((int) (index % institutions.size()));
        PaymentMode mode = index % 3 == 0 ? PaymentMode.TRAINEE_DIRECT : PaymentMode.INSTITUTION_ADVANCE;
        int hours = kind == Kind.HOURS_SHORT ? cell.requiredHours() - 8 : cell.requiredHours() + (int) (index % 16);
        Set<ComplianceFlag> flags = kind == Kind.RETIRED ? EnumSet.of(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE)
                : EnumSet.noneOf(ComplianceFlag.class);
        String occupation = kind == Kind.UNKNOWN_OCCUPATION ? UNKNOWN_OCCUPATION : cell.occupationCode();

        Training first = new Training(id, tag, "1", occupation, cell.level(), hours, completedOn, institution, mode,
                flags);
        String certificateNo = "ZS-" + tag + "-" + cell.level();
        List<Planned> events = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int parked = 0;
        String held = period.held() ? "HELD NO_STANDARD_IN_FORCE" : null;
        String decided = kind == Kind.HOURS_SHORT ? "REJECTED REQUIRED_HOURS_NOT_MET" : "APPROVED -";
        switch (kind) {
            case APPROVED, HOURS_SHORT, RETIRED -> {
                first.before(events);
                // One in ten level certificates comes before the completion: then the completion makes the join.
                boolean certificateFirst = index % 10 == 7;
                if (certificateFirst) {
                    events.add(new Planned(issued(id, certificateNo, occupation, cell.level(), issuedOn), null));
                    events.add(new Planned(first.completion(), first.enrolmentNo()));
                } else {
                    events.add(new Planned(first.completion(), null));
                    events.add(new Planned(issued(id, certificateNo, occupation, cell.level(), issuedOn),
                            first.enrolmentNo()));
                }
                if (held != null) {
                    expected.add(held); // and, once a standard is in force, decided:
                }
                expected.add(kind == Kind.RETIRED ? "REJECTED AT_OR_PAST_RETIREMENT_AGE" : decided);
            }
            case REVOKED_AFTER_APPROVAL -> {
                first.before(events);
                events.add(new Planned(first.completion(), null));
                events.add(new Planned(issued(id, certificateNo, occupation, cell.level(), issuedOn), first.enrolmentNo()));
                events.add(new Planned(revoked(id, certificateNo, occupation, cell.level(), issuedOn.plusDays(30)), null,
                        true));
                expected.add("APPROVED -");
                expected.add("RECOVERY_REQUIRED LEVEL_CERTIFICATE_REVOKED");
            }
            case REVOKED_BEFORE_COMPLETION -> {
                first.before(events);
                events.add(new Planned(issued(id, certificateNo, occupation, cell.level(), issuedOn.minusDays(20)), null));
                events.add(new Planned(revoked(id, certificateNo, occupation, cell.level(), issuedOn.minusDays(15)), null));
                events.add(new Planned(first.completion(), first.enrolmentNo(), true));
                expected.add("REJECTED LEVEL_CERTIFICATE_REVOKED");
            }
            case REDELIVERED -> {
                // The same events twice (a source's replay after a crash): same ce_id, decided once.
                first.before(events);
                CanonicalEvent completion = first.completion();
                CanonicalEvent certificate = issued(id, certificateNo, occupation, cell.level(), issuedOn);
                events.add(new Planned(completion, null));
                events.add(new Planned(certificate, first.enrolmentNo()));
                events.add(new Planned(completion, null));
                events.add(new Planned(certificate, null));
                expected.add("APPROVED -");
            }
            case SECOND_TRAINING_SAME_LEVEL -> {
                first.before(events);
                events.add(new Planned(first.completion(), null));
                events.add(new Planned(issued(id, certificateNo, occupation, cell.level(), issuedOn), first.enrolmentNo()));
                Training second = new Training(id, tag, "2", occupation, cell.level(), hours, issuedOn.plusDays(20),
                        institution, mode, flags);
                second.before(events);
                events.add(new Planned(second.completion(), second.enrolmentNo()));
                expected.add("APPROVED -");
                expected.add("REJECTED ALREADY_PAID");
            }
            case LOWER_AFTER_HIGHER -> {
                first.before(events);
                events.add(new Planned(first.completion(), null));
                events.add(new Planned(issued(id, certificateNo, occupation, cell.level(), issuedOn), first.enrolmentNo()));
                Training lower = new Training(id, tag, "2", occupation, twoLevelsLower.level(),
                        twoLevelsLower.requiredHours() + 4, issuedOn.plusDays(20), institution, mode, flags);
                lower.before(events);
                events.add(new Planned(lower.completion(), null));
                events.add(new Planned(issued(id, "ZS-" + tag + "-" + twoLevelsLower.level(), occupation,
                        twoLevelsLower.level(), issuedOn.plusDays(25)), lower.enrolmentNo()));
                expected.add("APPROVED -");
                expected.add("REJECTED HIGHER_LEVEL_ALREADY_PAID");
            }
            case CERTIFICATE_WITHOUT_COMPLETION -> {
                events.add(new Planned(issued(id, certificateNo, occupation, cell.level(), issuedOn), null));
            }
            case UNKNOWN_OCCUPATION -> {
                // The settlement service parks both (UNKNOWN_OCCUPATION): no claim, no decision.
                first.before(events);
                events.add(new Planned(first.completion(), null));
                events.add(new Planned(issued(id, certificateNo, occupation, cell.level(), issuedOn), null));
                parked = 2;
            }
        }
        // A realistic share (one in four) registers the training certificate's hours as CE hours.
        if (index % 4 == 1 && kind != Kind.CERTIFICATE_WITHOUT_COMPLETION) {
            events.add(new Planned(ceHours(id, tag, first.trainingCertificateNo(), hours, completedOn.getYear()), null));
        }
        return new Person(events, expected, parked);
    }

    /** A valid ID number per person and period, keyed as the hub keys it. */
    private PersonIdentity identity(long index, Period period) {
        LocalDate birth = LocalDate.of(1966, 1, 1).plusDays(index % 12_000);
        // Unique per person and period (the periods' people are different people): a district of its own a period.
        if (index / 12_000 >= 1000) {
            throw new IllegalArgumentException("at most 12,000,000 people a period");
        }
        String area = AREAS.get(period.number() % AREAS.size());
        String body = area + birth.toString().replace("-", "") + String.format("%03d", index / 12_000);
        try {
            return keys.identify(IdNumber.parse(body + IdNumber.checkCharacter(body)));
        } catch (InvalidIdNumberException e) {
            throw new IllegalStateException("generated ID number of person " + index + " is not valid", e);
        }
    }

    /** One enrolment of a person and what the training system publishes about it. */
    private final class Training {
        final PersonIdentity id;
        final String tag;
        final String n;
        final String occupation;
        final Level level;
        final BigDecimal hours;
        final LocalDate completedOn;
        final String institution;
        final PaymentMode mode;
        final Set<ComplianceFlag> flags;

        Training(PersonIdentity id, String tag, String n, String occupation, Level level, int hours,
                 LocalDate completedOn, String institution, PaymentMode mode, Set<ComplianceFlag> flags) {
            this.id = id;
            this.tag = tag;
            this.n = n;
            this.occupation = occupation;
            this.level = level;
            this.hours = BigDecimal.valueOf(hours);
            this.completedOn = completedOn;
            this.institution = institution;
            this.mode = mode;
            this.flags = flags;
        }

        String enrolmentNo() {
            return "BM-" + tag + "-" + n;
        }

        String trainingCertificateNo() {
            return "PX-" + tag + "-" + n;
        }

        /** The enrolment and the hours recorded: published before the completion, ignored by settlement. */
        void before(List<Planned> events) {
            LocalDate starts = completedOn.minusDays(30);
            TrainingEnrolled enrolled = new TrainingEnrolled(enrolmentNo(), id.personKey(), id.maskedId(),
                    id.birthMonth().toString(), id.sex(), "BJ-" + tag, "JH-" + tag, institution, ZHENGZHOU, occupation,
                    level, mode, starts.minusDays(5), starts, flags, null, null, null, null);
            events.add(new Planned(event(EventType.TRAINING_ENROLLED, TRAINING_SOURCE, "enrolment/" + enrolmentNo(),
                    "enrolled", id.personKey(), enrolled), null));
            BigDecimal online = hours.divide(BigDecimal.valueOf(4));
            TrainingHoursRecorded recorded = new TrainingHoursRecorded(enrolmentNo(), id.personKey(), "BJ-" + tag,
                    online, hours.subtract(online), hours, hours, flags);
            events.add(new Planned(event(EventType.TRAINING_HOURS_RECORDED, TRAINING_SOURCE, "hours/" + enrolmentNo(),
                    "final", id.personKey(), recorded), null));
        }

        CanonicalEvent completion() {
            BigDecimal online = hours.divide(BigDecimal.valueOf(4));
            TrainingCompleted data = new TrainingCompleted(enrolmentNo(), id.personKey(), id.maskedId(),
                    id.birthMonth().toString(), "BJ-" + tag, institution, ZHENGZHOU, occupation, level, mode,
                    completedOn.minusDays(30), completedOn, trainingCertificateNo(), online, hours.subtract(online),
                    hours, completedOn.plusDays(5), flags);
            return event(EventType.TRAINING_COMPLETED, TRAINING_SOURCE, "completion/" + enrolmentNo(), "1",
                    id.personKey(), data);
        }
    }

    private static CanonicalEvent issued(PersonIdentity id, String certificateNo, String occupation, Level level,
                                         LocalDate issuedOn) {
        CertificateIssued data = new CertificateIssued(certificateNo, id.personKey(), id.maskedId(),
                id.birthMonth().toString(), EVALUATION_BODY, occupation, level, issuedOn,
                EnumSet.noneOf(ComplianceFlag.class));
        return event(EventType.CERTIFICATE_ISSUED, ASSESSMENT_SOURCE, "certificate/" + certificateNo, "issued",
                id.personKey(), data);
    }

    private static CanonicalEvent revoked(PersonIdentity id, String certificateNo, String occupation, Level level,
                                          LocalDate revokedOn) {
        CertificateRevoked data = new CertificateRevoked(certificateNo, id.personKey(), EVALUATION_BODY, occupation,
                level, revokedOn, "考核舞弊");
        return event(EventType.CERTIFICATE_REVOKED, ASSESSMENT_SOURCE, "certificate/" + certificateNo, "revoked",
                id.personKey(), data);
    }

    private static CanonicalEvent ceHours(PersonIdentity id, String tag, String trainingCertificateNo, int hours,
                                          int year) {
        CeHoursRegistered data = new CeHoursRegistered("CE-" + tag, id.personKey(), year,
                CeHoursCategory.PROFESSIONAL, BigDecimal.valueOf(hours), trainingCertificateNo, "VALID",
                EnumSet.noneOf(ComplianceFlag.class));
        return event(EventType.CE_HOURS_REGISTERED, CE_SOURCE, "registration/CE-" + tag, "1", id.personKey(), data);
    }

    private static CanonicalEvent event(EventType type, String source, String subject, String version, String key,
                                        Object data) {
        return new CanonicalEvent(type, CanonicalEvent.idOf(source, subject, version), source, subject,
                OffsetDateTime.now(ZoneOffset.UTC), key, data);
    }
}
