package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.AssessmentResultRecorded;
import cn.henan.skillshub.events.CeHoursRegistered;
import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.SupervisionFinding.Rule;
import cn.henan.skillshub.events.SupervisionFinding.Severity;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.events.TrainingEnrolled;
import cn.henan.skillshub.events.TrainingHoursRecorded;
import cn.henan.skillshub.events.TrainingPlanFiled;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.rules.CeHoursOfTheHolderThatYear;
import cn.henan.skillshub.rules.HoursWithinFiledPlan;
import cn.henan.skillshub.rules.OneClassAtATime;
import cn.henan.skillshub.rules.TraineeListWithinThirtyDays;
import cn.henan.skillshub.rules.TrainingBeforeLevelCertificate;
import cn.henan.skillshub.supervision.CaseFile.Known;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges one case file by the plan's rules: pure, the same case and day always give the same findings. Each
 * finding belongs to exactly one person's case (a finding across persons, such as one certificate registered by
 * two people, to the certificate's trainee, or to the first registrant while the trainee is unknown), so that
 * judging every case once finds each finding once.
 */
final class Inspector {

    private static final TrainingBeforeLevelCertificate TRAINING_FIRST = new TrainingBeforeLevelCertificate();
    private static final CeHoursOfTheHolderThatYear CE_HOLDER = new CeHoursOfTheHolderThatYear();
    private static final OneClassAtATime ONE_CLASS = new OneClassAtATime();
    private static final HoursWithinFiledPlan WITHIN_PLAN = new HoursWithinFiledPlan();
    private static final TraineeListWithinThirtyDays LIST_IN_TIME = new TraineeListWithinThirtyDays();

    private final Period grace;

    Inspector(Period grace) {
        this.grace = grace;
    }

    /** What unresolved references the case holds: CE registrations naming a certificate nobody completed. */
    static long unknownCertificates(CaseFile file) {
        return file.registrations.stream().map(r -> r.data().trainingCertificateNo())
                .filter(n -> n != null && !file.completionByCertificate.containsKey(n)).count();
    }

    List<Found> judge(CaseFile file, LocalDate today) {
        List<Found> found = new ArrayList<>();
        levelCertificates(file, today, found);
        assessments(file, found);
        ceRegistrations(file, found);
        overlappingEnrolments(file, found);
        hoursBeyondPlan(file, found);
        traineeLists(file, today, found);
        return found;
    }

    private Optional<Known<TrainingCompleted>> earliestCompletion(CaseFile file, String occupationCode, Level level) {
        return file.completions.stream()
                .filter(c -> c.data().occupationCode().equals(occupationCode) && c.data().level() == level)
                .min(Comparator.comparing(c -> c.data().completedOn()));
    }

    private void levelCertificates(CaseFile file, LocalDate today, List<Found> found) {
        for (Known<CertificateIssued> c : file.certificates) {
            CertificateIssued cert = c.data();
            Optional<Known<TrainingCompleted>> completion = earliestCompletion(file, cert.occupationCode(), cert.level());
            if (completion.isEmpty()) {
                if (TrainingBeforeLevelCertificate.certificateWithoutTraining(cert.issuedOn(), false, today, grace)) {
                    found.add(new Found(Rule.LEVEL_CERTIFICATE_WITHOUT_TRAINING, TRAINING_FIRST, Severity.HIGH,
                            file.personKey, null, cert.occupationCode(), cert.level(), List.of(c.fact()),
                            "level certificate issued " + cert.issuedOn() + " by " + cert.evaluationBody()
                                    + "; no training completion of its occupation and level " + grace.getDays()
                                    + " days later"));
                }
            } else if (TrainingBeforeLevelCertificate.issuedBeforeTrainingEnded(cert.issuedOn(),
                    completion.get().data().completedOn())) {
                TrainingCompleted t = completion.get().data();
                found.add(new Found(Rule.CERTIFICATE_BEFORE_TRAINING_ENDED, TRAINING_FIRST, Severity.MEDIUM,
                        file.personKey, t.institutionName(), cert.occupationCode(), cert.level(),
                        List.of(c.fact(), completion.get().fact()), "level certificate issued " + cert.issuedOn()
                                + ", before the training was completed on " + t.completedOn()));
            }
        }
    }

    private void assessments(CaseFile file, List<Found> found) {
        for (Known<AssessmentResultRecorded> r : file.results) {
            AssessmentResultRecorded result = r.data();
            earliestCompletion(file, result.occupationCode(), result.level())
                    .filter(c -> TrainingBeforeLevelCertificate.assessedBeforeTrainingEnded(result.assessedOn(),
                            c.data().completedOn()))
                    .ifPresent(c -> found.add(new Found(Rule.ASSESSMENT_BEFORE_TRAINING_ENDED, TRAINING_FIRST,
                            Severity.MEDIUM, file.personKey, c.data().institutionName(), result.occupationCode(),
                            result.level(), List.of(r.fact(), c.fact()), "assessment held " + result.assessedOn()
                                    + " by " + result.evaluationBody() + ", before the training was completed on "
                                    + c.data().completedOn())));
        }
    }

    private void ceRegistrations(CaseFile file, List<Found> found) {
        Set<String> certificatesOfTheCase = new HashSet<>();
        for (Known<CeHoursRegistered> r : file.registrations) {
            CeHoursRegistered reg = r.data();
            if (reg.trainingCertificateNo() == null) {
                continue;
            }
            certificatesOfTheCase.add(reg.trainingCertificateNo());
            Known<TrainingCompleted> completion = file.completionByCertificate.get(reg.trainingCertificateNo());
            if (completion == null) {
                continue; // counted as unknown; judged again when the completion arrives
            }
            TrainingCompleted t = completion.data();
            if (CeHoursOfTheHolderThatYear.forAnotherPerson(reg.personKey(), t.personKey())) {
                found.add(new Found(Rule.CE_HOURS_FOR_ANOTHER_PERSON, CE_HOLDER, Severity.HIGH, file.personKey,
                        t.institutionName(), t.occupationCode(), t.level(), List.of(r.fact(), completion.fact()),
                        reg.hours() + " CE hours registered for " + reg.year()
                                + " from a training certificate of another trainee"));
            }
            if (CeHoursOfTheHolderThatYear.forAnotherYear(reg.year(), t.completedOn())) {
                found.add(new Found(Rule.CE_HOURS_FOR_ANOTHER_YEAR, CE_HOLDER, Severity.MEDIUM, file.personKey,
                        t.institutionName(), t.occupationCode(), t.level(), List.of(r.fact(), completion.fact()),
                        "CE hours registered for " + reg.year() + " from a training certificate obtained on "
                                + t.completedOn()));
            }
        }
        file.completions.forEach(c -> certificatesOfTheCase.add(c.data().trainingCertificateNo()));
        for (String certificateNo : certificatesOfTheCase) {
            List<Known<CeHoursRegistered>> live = file.registrationsByCertificate.getOrDefault(certificateNo, List.of());
            if (!CeHoursOfTheHolderThatYear.registeredTwice(live.size())) {
                continue;
            }
            Known<TrainingCompleted> completion = file.completionByCertificate.get(certificateNo);
            String owner = completion != null ? completion.data().personKey()
                    : live.stream().min(Comparator.comparing(r -> r.fact().stableKey())).orElseThrow().data().personKey();
            if (!owner.equals(file.personKey)) {
                continue;
            }
            List<Fact> facts = new ArrayList<>(live.stream().map(Known::fact).toList());
            if (completion != null) {
                facts.add(completion.fact());
            }
            found.add(new Found(Rule.CE_HOURS_REGISTERED_TWICE, CE_HOLDER, Severity.MEDIUM, file.personKey,
                    completion == null ? null : completion.data().institutionName(),
                    completion == null ? null : completion.data().occupationCode(),
                    completion == null ? null : completion.data().level(), facts,
                    "one training certificate behind " + live.size() + " CE registrations"));
        }
    }

    private void overlappingEnrolments(CaseFile file, List<Found> found) {
        List<Known<TrainingEnrolled>> enrolments = file.enrolments.stream()
                .filter(e -> file.plansByClass.containsKey(e.data().classNo()))
                .sorted(Comparator.comparing(e -> e.fact().stableKey())).toList();
        for (int i = 0; i < enrolments.size(); i++) {
            for (int j = i + 1; j < enrolments.size(); j++) {
                Known<TrainingEnrolled> a = enrolments.get(i);
                Known<TrainingEnrolled> b = enrolments.get(j);
                if (a.data().classNo().equals(b.data().classNo())) {
                    continue;
                }
                Known<TrainingPlanFiled> pa = file.plansByClass.get(a.data().classNo());
                Known<TrainingPlanFiled> pb = file.plansByClass.get(b.data().classNo());
                if (OneClassAtATime.overlap(pa.data().classStartsOn(), pa.data().classEndsOn(), pb.data().classStartsOn(),
                        pb.data().classEndsOn())) {
                    found.add(new Found(Rule.OVERLAPPING_ENROLMENTS, ONE_CLASS, Severity.MEDIUM, file.personKey,
                            a.data().institutionName(), a.data().occupationCode(), a.data().level(),
                            List.of(a.fact(), b.fact(), pa.fact(), pb.fact()), "enrolled in two classes that overlap: "
                                    + pa.data().classStartsOn() + ".." + pa.data().classEndsOn() + " and " + pb.data().classStartsOn()
                                    + ".." + pb.data().classEndsOn()));
                }
            }
        }
    }

    private void hoursBeyondPlan(CaseFile file, List<Found> found) {
        for (Known<TrainingHoursRecorded> h : file.hours) {
            Known<TrainingPlanFiled> plan = file.plansByClass.get(h.data().classNo());
            if (plan != null && HoursWithinFiledPlan.beyondPlanTotal(h.data().totalHours(), plan.data().totalHours())) {
                found.add(new Found(Rule.HOURS_BEYOND_PLAN_TOTAL, WITHIN_PLAN, Severity.MEDIUM, file.personKey,
                        plan.data().institutionName(), plan.data().occupationCode(), plan.data().level(),
                        List.of(h.fact(), plan.fact()), h.data().totalHours() + " hours recorded; the filed plan has "
                                + plan.data().totalHours()));
            }
        }
        for (Known<TrainingCompleted> c : file.completions) {
            Known<TrainingPlanFiled> plan = file.plansByClass.get(c.data().classNo());
            if (plan != null && HoursWithinFiledPlan.beyondPlanTotal(c.data().totalHours(), plan.data().totalHours())) {
                found.add(new Found(Rule.HOURS_BEYOND_PLAN_TOTAL, WITHIN_PLAN, Severity.MEDIUM, file.personKey,
                        plan.data().institutionName(), plan.data().occupationCode(), plan.data().level(),
                        List.of(c.fact(), plan.fact()), c.data().totalHours() + " hours completed; the filed plan has "
                                + plan.data().totalHours()));
            }
        }
    }

    private void traineeLists(CaseFile file, LocalDate today, List<Found> found) {
        for (Known<TrainingCompleted> c : file.completions) {
            TrainingCompleted t = c.data();
            if (TraineeListWithinThirtyDays.notReportedInTime(t.completedOn(), t.listReportedOn(), today)) {
                found.add(new Found(Rule.TRAINEE_LIST_NOT_REPORTED, LIST_IN_TIME, Severity.LOW, file.personKey,
                        t.institutionName(), t.occupationCode(), t.level(), List.of(c.fact()),
                        t.listReportedOn() == null
                                ? "trainee list not reported by " + TraineeListWithinThirtyDays.lastReportingDay(t.completedOn())
                                : "trainee list reported " + t.listReportedOn() + ", after "
                                        + TraineeListWithinThirtyDays.lastReportingDay(t.completedOn())));
            }
        }
    }
}
