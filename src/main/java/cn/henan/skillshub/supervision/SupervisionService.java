package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.CertificateIssued;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.SupervisionFinding;
import cn.henan.skillshub.events.SupervisionFinding.Status;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.rules.TraineeListWithinThirtyDays;
import cn.henan.skillshub.rules.TrainingBeforeLevelCertificate;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies input events to the facts and judges the persons they concern. Each event is one database transaction:
 * its ce_id is recorded, the fact kept, the persons judged and the changes of their findings appended to the outbox,
 * together or not at all. A redelivered, replayed or backfilled event finds its ce_id and changes nothing.
 */
@Service
class SupervisionService {

    private static final Logger log = LoggerFactory.getLogger(SupervisionService.class);

    enum Outcome { APPLIED, DUPLICATE }

    private final Facts facts;
    private final Findings findings;
    private final TransactionTemplate tx;
    private final SupervisionMetrics metrics;
    private final Inspector inspector;
    private final Period grace;
    private final Clock clock;

    SupervisionService(Facts facts, Findings findings, TransactionTemplate tx, SupervisionMetrics metrics,
                       SupervisionSettings settings) {
        this.facts = facts;
        this.findings = findings;
        this.tx = tx;
        this.metrics = metrics;
        this.grace = settings.grace();
        this.inspector = new Inspector(grace);
        this.clock = settings.clock();
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** One input event: its envelope's id, source, subject, type and time, its person key and its data. */
    Outcome apply(Fact fact, OffsetDateTime version) {
        Outcome outcome = tx.execute(status -> {
            facts.lock();
            if (!facts.markProcessed(fact.ceId())) {
                return Outcome.DUPLICATE;
            }
            String classNo = text(fact.data(), "classNo");
            String certificateNo = fact.type() == EventType.TRAINING_COMPLETED
                    || fact.type() == EventType.CE_HOURS_REGISTERED ? text(fact.data(), "trainingCertificateNo") : null;
            if (!facts.keep(fact, version, classNo, certificateNo, dueOn(fact))) {
                metrics.event("stale");
                return Outcome.APPLIED; // an older version of a record already held in a newer one
            }
            Set<String> persons = new LinkedHashSet<>();
            if (fact.personKey() != null) {
                persons.add(fact.personKey());
            }
            if (classNo != null && fact.type() == EventType.TRAINING_PLAN_FILED) {
                persons.addAll(facts.personsInClass(classNo));
            }
            if (certificateNo != null) {
                persons.addAll(facts.personsNamingCertificate(certificateNo));
            }
            LocalDate today = today();
            for (String person : persons) {
                judge(person, today);
            }
            return Outcome.APPLIED;
        });
        metrics.event(outcome == Outcome.DUPLICATE ? "duplicate" : "applied");
        return outcome;
    }

    /** Judges the persons whose time-bound checks fell due by {@code today}; returns how many were judged. */
    int sweep(LocalDate today, int limit) {
        Integer judged = tx.execute(status -> {
            facts.lock();
            List<String> due = facts.dueBy(today, limit);
            for (String person : due) {
                judge(person, today);
                facts.markDueChecked(person, today);
            }
            return due.size();
        });
        return judged == null ? 0 : judged;
    }

    /** Compares what the person's case shows today with what was found before; appends each change. */
    private void judge(String personKey, LocalDate today) {
        CaseFile file = CaseFile.of(personKey, facts);
        metrics.unresolved("certificate", Inspector.unknownCertificates(file));
        if (file.completions.isEmpty() && file.enrolments.isEmpty() && !file.certificates.isEmpty()) {
            metrics.unresolved("person", 1);
        }
        Map<String, Found> now = new LinkedHashMap<>();
        for (Found f : inspector.judge(file, today)) {
            now.putIfAbsent(f.findingId(), f);
        }
        Map<String, Findings.Held> before = findings.ofPerson(personKey);
        OffsetDateTime at = Findings.now();
        for (Map.Entry<String, Found> e : now.entrySet()) {
            Findings.Held held = before.get(e.getKey());
            if (held == null || held.status() == Status.RETRACTED) {
                publish(e.getValue(), Status.RAISED, held == null ? 1 : held.revision() + 1, at);
            }
        }
        for (Findings.Held held : before.values()) {
            if (held.status() == Status.RAISED && !now.containsKey(held.findingId())) {
                retract(held, at);
            }
        }
    }

    private void publish(Found f, Status status, int revision, OffsetDateTime at) {
        SupervisionFinding finding = new SupervisionFinding(f.findingId(), status, revision, f.rule(),
                f.planRule().id(), f.planRule().clause(), f.severity(), f.personKey(), f.institutionName(),
                f.occupationCode(), f.level(), f.factCeIds(), f.detail(), at);
        findings.save(finding);
        metrics.finding(finding);
        log.info("finding {} {} ({} {}) of {}: {}", finding.findingId(), status, finding.rule(), finding.clause(),
                finding.personKey(), finding.detail());
    }

    private void retract(Findings.Held held, OffsetDateTime at) {
        SupervisionFinding last = findings.latest(held.findingId());
        SupervisionFinding retraction = new SupervisionFinding(last.findingId(), Status.RETRACTED, held.revision() + 1,
                last.rule(), last.planRule(), last.clause(), last.severity(), last.personKey(), last.institutionName(),
                last.occupationCode(), last.level(), last.facts(), "cleared by later facts: " + last.detail(), at);
        findings.save(retraction);
        metrics.finding(retraction);
        log.info("finding {} RETRACTED ({}) of {}", retraction.findingId(), retraction.rule(), retraction.personKey());
    }

    /** When a check of this fact that waits for time falls due, if it does. */
    private LocalDate dueOn(Fact fact) {
        if (fact.type() == EventType.TRAINING_COMPLETED) {
            TrainingCompleted c = fact.data(TrainingCompleted.class);
            return c.listReportedOn() == null
                    ? TraineeListWithinThirtyDays.lastReportingDay(c.completedOn()).plusDays(1) : null;
        }
        if (fact.type() == EventType.CERTIFICATE_ISSUED) {
            return TrainingBeforeLevelCertificate.withoutTrainingDueOn(fact.data(CertificateIssued.class).issuedOn(),
                    grace);
        }
        return null;
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
