package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.SubsidyDecided.Decision;
import cn.henan.skillshub.events.SubsidyDecided.PayeeType;
import cn.henan.skillshub.events.SubsidyDecided.Reason;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.reference.SubsidyStandard;
import cn.henan.skillshub.rules.InstitutionCityPays;
import cn.henan.skillshub.rules.LevelCertificateNeedsBothParts;
import cn.henan.skillshub.rules.NoLowerLevelAfterHigher;
import cn.henan.skillshub.rules.NotAtRetirementAge;
import cn.henan.skillshub.rules.OneSubsidyPerLevel;
import cn.henan.skillshub.rules.PaymentModes;
import cn.henan.skillshub.rules.RequiredHoursCompleted;
import cn.henan.skillshub.rules.StandardInForce;
import cn.henan.skillshub.rules.TrainsWithinCatalogue;
import cn.henan.skillshub.settlement.Ledger.Claim;
import cn.henan.skillshub.settlement.Ledger.Completion;
import cn.henan.skillshub.settlement.Ledger.LevelCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides a claim by the plan's subsidy rules (六(六) and Annex 3), which live in {@code cn.henan.skillshub.rules},
 * one class each. Pure: everything a decision depends on is passed in, so the same inputs always give the same
 * decision.
 *
 * <p>Order: the reasons that make a claim fail whatever the standard (eligibility, payment already made) reject it
 * at once; otherwise a claim with no standard in force is held; otherwise the standard's hours decide.
 */
@Component
class SubsidyRules {

    private final ReferenceData reference;

    SubsidyRules(ReferenceData reference) {
        this.reference = reference;
    }

    /**
     * Decides a claim: a training completion joined with a valid level certificate of the same person, occupation
     * and level, given the person's claims already paid for that occupation.
     */
    Verdict decide(Completion completion, LevelCertificate certificate, List<Claim> paidForOccupation) {
        PayeeType payeeType = payeeType(completion);
        String payee = payee(completion);
        String city = payingCity(completion).orElse(null);
        List<Level> paidLevels = paidForOccupation.stream().map(Claim::level).toList();

        List<Reason> reasons = new ArrayList<>();
        if (!NotAtRetirementAge.belowRetirementAge(completion.complianceFlags())) {
            reasons.add(Reason.AT_OR_PAST_RETIREMENT_AGE);
        }
        if (!TrainsWithinCatalogue.institutionInCatalogue(completion.complianceFlags())) {
            reasons.add(Reason.INSTITUTION_NOT_IN_CATALOGUE);
        }
        if (!LevelCertificateNeedsBothParts.certificatePassedBothParts(certificate.complianceFlags())) {
            reasons.add(Reason.CERTIFICATE_WITH_FAILED_PART);
        }
        if (city == null) {
            reasons.add(Reason.PAYING_CITY_UNKNOWN);
        }
        if (!OneSubsidyPerLevel.notYetPaidAtThisLevel(completion.level(), paidLevels)) {
            reasons.add(Reason.ALREADY_PAID);
        }
        if (!NoLowerLevelAfterHigher.notPaidAtAHigherLevel(completion.level(), paidLevels)) {
            reasons.add(Reason.HIGHER_LEVEL_ALREADY_PAID);
        }
        if (!reasons.isEmpty()) {
            return new Verdict(Decision.REJECTED, reasons, null, null, payeeType, payee, city);
        }

        Optional<SubsidyStandard> standard = StandardInForce.applicableStandard(reference,
                completion.occupationCode(), completion.level(), completion.completedOn(), certificate.issuedOn());
        if (standard.isEmpty()) {
            return new Verdict(Decision.HELD, List.of(Reason.NO_STANDARD_IN_FORCE), null, null, payeeType, payee, city);
        }
        if (!RequiredHoursCompleted.requiredHoursMet(completion.totalHours(), standard.get())) {
            return new Verdict(Decision.REJECTED, List.of(Reason.REQUIRED_HOURS_NOT_MET), standard.get(), null,
                    payeeType, payee, city);
        }
        return new Verdict(Decision.APPROVED, List.of(), standard.get(), standard.get().subsidyYuan(), payeeType,
                payee, city);
    }

    /**
     * {@link TrainsWithinCatalogue} with the catalogue as it stands now: whether the institution may train the
     * occupation on the day the class started (unknown for completions settled before that day was kept).
     */
    boolean institutionNowInCatalogue(Completion completion) {
        return completion.startsOn() != null && !TrainsWithinCatalogue.notInCatalogue(reference,
                completion.institutionName(), completion.occupationCode(), completion.startsOn());
    }

    /** {@link PaymentModes}: who is paid for this completion. */
    static PayeeType payeeType(Completion completion) {
        return PaymentModes.payeeType(completion.paymentMode());
    }

    /** {@link PaymentModes}: the institution's name, or the trainee's pseudonymous person key. */
    static String payee(Completion completion) {
        return PaymentModes.payee(completion.paymentMode(), completion.institutionName(), completion.personKey());
    }

    /** {@link InstitutionCityPays}: the city where the training institution sits. */
    static Optional<String> payingCity(Completion completion) {
        return InstitutionCityPays.payingCity(completion.institutionCityCode());
    }
}
