package cn.henan.skillshub.events;

import cn.henan.skillshub.reference.Level;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code skills.supervision.findings.v1}: the supervision consumer found, by joining a person's facts across the
 * three sources, that a rule of the plan looks broken (七(二) 全过程监督: 弄虚作假、虚报冒领、违规骗取证书或补贴), or
 * that a finding it raised before no longer holds (a later fact cleared it).
 *
 * @param findingId   deterministic: from the rule and the stable record keys of the facts it rests on, so a re-run
 *                    or a backfill finds the same id and never a second finding
 * @param status      {@code RAISED}, or {@code RETRACTED} when later facts clear it
 * @param revision    1 for the first raise, +1 for each change of status
 * @param rule        the finding's kind
 * @param planRule    the id of the plan's rule it belongs to ({@code docs/rules.md})
 * @param clause      the plan's clause, e.g. 五(三)
 * @param personKey   the pseudonymous key of the person the finding is about (never an ID number)
 * @param institutionName the training institution concerned, when the facts name one
 * @param facts       the {@code ce_id}s of the facts the finding rests on
 * @param detail      what was found, in English, with no personal data
 */
public record SupervisionFinding(
        String findingId,
        Status status,
        int revision,
        Rule rule,
        String planRule,
        String clause,
        Severity severity,
        String personKey,
        String institutionName,
        String occupationCode,
        Level level,
        List<String> facts,
        String detail,
        OffsetDateTime foundAt) {

    public enum Status {
        RAISED,
        RETRACTED
    }

    public enum Severity {
        HIGH,
        MEDIUM,
        LOW
    }

    /** What was found. Each is produced by one rule of {@code cn.henan.skillshub.rules}. */
    public enum Rule {
        /** A level certificate, and after the grace period still no training completion of its occupation and level. */
        LEVEL_CERTIFICATE_WITHOUT_TRAINING,
        /** A level certificate issued before the training of its occupation and level was completed. */
        CERTIFICATE_BEFORE_TRAINING_ENDED,
        /** An assessment held before the training of its occupation and level was completed. */
        ASSESSMENT_BEFORE_TRAINING_ENDED,
        /** CE hours registered from a training certificate that belongs to another person. */
        CE_HOURS_FOR_ANOTHER_PERSON,
        /** CE hours registered from a training certificate for another year than the certificate's. */
        CE_HOURS_FOR_ANOTHER_YEAR,
        /** The same training certificate registered as CE hours more than once. */
        CE_HOURS_REGISTERED_TWICE,
        /** A trainee enrolled in two classes that overlap in time. */
        OVERLAPPING_ENROLMENTS,
        /** Hours recorded beyond the total hours of the class's filed training plan. */
        HOURS_BEYOND_PLAN_TOTAL,
        /** The trainee list not reported 30 days after completion. */
        TRAINEE_LIST_NOT_REPORTED
    }
}
