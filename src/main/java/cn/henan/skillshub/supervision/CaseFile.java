package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.AssessmentResultRecorded;
import cn.henan.skillshub.events.CeHoursCancelled;
import cn.henan.skillshub.events.CeHoursRegistered;
import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.CertificateRevoked;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.events.TrainingEnrolled;
import cn.henan.skillshub.events.TrainingHoursRecorded;
import cn.henan.skillshub.events.TrainingPlanFiled;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the hub knows that bears on one person: their own facts from the three sources, the filed plans of
 * their classes, and the completions and CE registrations of anyone that name the same training certificates.
 */
final class CaseFile {

    /** A fact with its data read as the event's record. */
    record Known<T>(Fact fact, T data) {
    }

    final String personKey;
    final List<Known<TrainingEnrolled>> enrolments = new ArrayList<>();
    final List<Known<TrainingHoursRecorded>> hours = new ArrayList<>();
    final List<Known<TrainingCompleted>> completions = new ArrayList<>();
    final List<Known<CertificateIssued>> certificates = new ArrayList<>();
    final List<Known<AssessmentResultRecorded>> results = new ArrayList<>();
    final List<Known<CeHoursRegistered>> registrations = new ArrayList<>();
    final Map<String, Known<TrainingPlanFiled>> plansByClass = new LinkedHashMap<>();
    /** Completions of anyone, by training certificate number. */
    final Map<String, Known<TrainingCompleted>> completionByCertificate = new LinkedHashMap<>();
    /** Live (not cancelled) CE registrations of anyone, by training certificate number. */
    final Map<String, List<Known<CeHoursRegistered>>> registrationsByCertificate = new LinkedHashMap<>();
    private final Set<String> revoked = new HashSet<>();

    private CaseFile(String personKey) {
        this.personKey = personKey;
    }

    /** Builds the case from the facts' tables: the person's, their classes' plans, and those naming their certificates. */
    static CaseFile of(String personKey, Facts facts) {
        CaseFile file = new CaseFile(personKey);
        List<Fact> own = facts.ofPerson(personKey);
        List<String> ownRegistrations = new ArrayList<>();
        for (Fact fact : own) {
            switch (fact.type()) {
                case TRAINING_ENROLLED -> file.enrolments.add(new Known<>(fact, fact.data(TrainingEnrolled.class)));
                case TRAINING_HOURS_RECORDED -> file.hours.add(new Known<>(fact, fact.data(TrainingHoursRecorded.class)));
                case TRAINING_COMPLETED -> file.completions.add(new Known<>(fact, fact.data(TrainingCompleted.class)));
                case CERTIFICATE_ISSUED -> file.certificates.add(new Known<>(fact, fact.data(CertificateIssued.class)));
                case CERTIFICATE_REVOKED -> {
                    CertificateRevoked r = fact.data(CertificateRevoked.class);
                    file.revoked.add(r.evaluationBody() + " " + r.certificateNo());
                }
                case ASSESSMENT_RESULT_RECORDED ->
                        file.results.add(new Known<>(fact, fact.data(AssessmentResultRecorded.class)));
                case CE_HOURS_REGISTERED -> {
                    Known<CeHoursRegistered> r = new Known<>(fact, fact.data(CeHoursRegistered.class));
                    file.registrations.add(r);
                    ownRegistrations.add(r.data().registrationId());
                }
                default -> { }
            }
        }
        file.certificates.removeIf(c -> file.revoked.contains(c.data().evaluationBody() + " " + c.data().certificateNo()));

        Set<String> classes = new HashSet<>();
        file.enrolments.forEach(e -> classes.add(e.data().classNo()));
        file.hours.forEach(h -> classes.add(h.data().classNo()));
        file.completions.forEach(c -> classes.add(c.data().classNo()));
        for (Fact plan : facts.plansOf(classes)) {
            TrainingPlanFiled data = plan.data(TrainingPlanFiled.class);
            file.plansByClass.put(data.classNo(), new Known<>(plan, data));
        }

        Set<String> certificateNos = new HashSet<>();
        file.completions.forEach(c -> certificateNos.add(c.data().trainingCertificateNo()));
        file.registrations.stream().map(r -> r.data().trainingCertificateNo()).filter(n -> n != null)
                .forEach(certificateNos::add);
        List<Known<CeHoursRegistered>> naming = new ArrayList<>();
        for (Fact fact : facts.namingCertificates(certificateNos)) {
            if (fact.type() == EventType.TRAINING_COMPLETED) {
                TrainingCompleted c = fact.data(TrainingCompleted.class);
                file.completionByCertificate.merge(c.trainingCertificateNo(), new Known<>(fact, c),
                        (a, b) -> a.data().completedOn().isAfter(b.data().completedOn()) ? b : a);
            } else if (fact.type() == EventType.CE_HOURS_REGISTERED) {
                naming.add(new Known<>(fact, fact.data(CeHoursRegistered.class)));
            }
        }
        Set<String> cancelled = cancelled(facts, naming.stream().map(r -> r.data().registrationId()).toList());
        for (Known<CeHoursRegistered> r : naming) {
            if (!cancelled.contains(r.data().registrationId())) {
                file.registrationsByCertificate.computeIfAbsent(r.data().trainingCertificateNo(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        Set<String> ownCancelled = cancelled(facts, ownRegistrations);
        file.registrations.removeIf(r -> ownCancelled.contains(r.data().registrationId()));
        return file;
    }

    private static Set<String> cancelled(Facts facts, Collection<String> registrationIds) {
        Set<String> ids = new HashSet<>();
        for (Fact fact : facts.cancellationsOf(registrationIds)) {
            ids.add(fact.data(CeHoursCancelled.class).registrationId());
        }
        return ids;
    }
}
