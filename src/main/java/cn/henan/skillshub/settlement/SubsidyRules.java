package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SubsidyDecided.Decision;
import cn.henan.skillshub.events.SubsidyDecided.PayeeType;
import cn.henan.skillshub.events.SubsidyDecided.Reason;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.reference.SubsidyStandard;
import cn.henan.skillshub.settlement.Ledger.Claim;
import cn.henan.skillshub.settlement.Ledger.Completion;
import cn.henan.skillshub.settlement.Ledger.LevelCertificate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The plan's rules for the training subsidy (六(六) and Annex 3), one method per rule. Pure: everything a decision
 * depends on is passed in, so the same inputs always give the same decision.
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

        List<Reason> reasons = new ArrayList<>();
        if (!belowRetirementAge(completion)) {
            reasons.add(Reason.AT_OR_PAST_RETIREMENT_AGE);
        }
        if (!institutionInCatalogue(completion)) {
            reasons.add(Reason.INSTITUTION_NOT_IN_CATALOGUE);
        }
        if (!certificatePassedBothParts(certificate)) {
            reasons.add(Reason.CERTIFICATE_WITH_FAILED_PART);
        }
        if (city == null) {
            reasons.add(Reason.PAYING_CITY_UNKNOWN);
        }
        if (!notYetPaidAtThisLevel(completion.level(), paidForOccupation)) {
            reasons.add(Reason.ALREADY_PAID);
        }
        if (!notPaidAtAHigherLevel(completion.level(), paidForOccupation)) {
            reasons.add(Reason.HIGHER_LEVEL_ALREADY_PAID);
        }
        if (!reasons.isEmpty()) {
            return new Verdict(Decision.REJECTED, reasons, null, null, payeeType, payee, city);
        }

        Optional<SubsidyStandard> standard = applicableStandard(completion, certificate);
        if (standard.isEmpty()) {
            return new Verdict(Decision.HELD, List.of(Reason.NO_STANDARD_IN_FORCE), null, null, payeeType, payee, city);
        }
        if (!requiredHoursMet(completion.totalHours(), standard.get())) {
            return new Verdict(Decision.REJECTED, List.of(Reason.REQUIRED_HOURS_NOT_MET), standard.get(), null,
                    payeeType, payee, city);
        }
        return new Verdict(Decision.APPROVED, List.of(), standard.get(), standard.get().subsidyYuan(), payeeType,
                payee, city);
    }

    /**
     * The day a claim arises: "取得培训合格证书和相应专业技术等级证书的人员,可按有关规定申领职业培训补贴" — a person may
     * claim once they hold both the training certificate and the matching level certificate, so the claim arises on
     * the day the later of the two is issued. The training certificate is issued on completion (结业考核).
     */
    static LocalDate claimArisesOn(Completion completion, LevelCertificate certificate) {
        LocalDate training = completion.completedOn();
        LocalDate level = certificate.issuedOn();
        return level.isAfter(training) ? level : training;
    }

    /**
     * "按照…《河南省数字经济领域技术技能人才培训补贴标准》(见附件3,试行到2025年12月31日)给予补贴" — the Annex 3
     * standard applies, on trial until 31 December 2025. The applicable version is the one in force on the day the
     * claim arises ({@link #claimArisesOn}); when none is, the claim is held, never paid from a guessed amount.
     */
    Optional<SubsidyStandard> applicableStandard(Completion completion, LevelCertificate certificate) {
        return reference.standardInForce(completion.occupationCode(), completion.level(),
                claimArisesOn(completion, certificate));
    }

    /** "完成规定的学时和内容" — the trainee completed at least the hours the standard requires (学时要求). */
    static boolean requiredHoursMet(BigDecimal totalHours, SubsidyStandard standard) {
        return totalHours.compareTo(BigDecimal.valueOf(standard.requiredHours())) >= 0;
    }

    /**
     * "不含达到法定退休年龄人员" — people at statutory retirement age are not eligible. The source flags the trainee
     * ({@link ComplianceFlag#AT_OR_PAST_RETIREMENT_AGE}) from the birth month and sex on the day the class starts.
     */
    static boolean belowRetirementAge(Completion completion) {
        return !completion.complianceFlags().contains(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE);
    }

    /**
     * "不得在目录之外…开展相关培训评价活动" — training outside the institution catalogue (Annex 2) is forbidden, so it
     * is not subsidised.
     */
    static boolean institutionInCatalogue(Completion completion) {
        return !completion.complianceFlags().contains(ComplianceFlag.INSTITUTION_NOT_IN_CATALOGUE);
    }

    /**
     * "理论知识考试、专业能力考核成绩均合格的,获得…专业技术等级证书" — a level certificate is earned by passing both parts;
     * one issued while a part is recorded as failed is not the matching level certificate the subsidy requires.
     */
    static boolean certificatePassedBothParts(LevelCertificate certificate) {
        return !certificate.complianceFlags().contains(ComplianceFlag.CERTIFICATE_WITH_FAILED_PART);
    }

    /** "同一人员同一职业(工种)同一层级不得重复申领培训补贴" — one subsidy per person, occupation and level. */
    static boolean notYetPaidAtThisLevel(Level level, List<Claim> paidForOccupation) {
        return paidForOccupation.stream().noneMatch(c -> c.level() == level);
    }

    /** "已享受高等级补贴的,不得再享受低等级补贴" — a person paid at a higher level is not paid at a lower one. */
    static boolean notPaidAtAHigherLevel(Level level, List<Claim> paidForOccupation) {
        return paidForOccupation.stream().noneMatch(c -> c.level().rank() > level.rank());
    }

    /**
     * "职业培训补贴可采取'先垫后补'或者'先缴后补、直补个人'的方式" — 先垫后补: the institution advanced the cost and is
     * reimbursed; 先缴后补、直补个人: the trainee paid and is paid directly.
     */
    static PayeeType payeeType(Completion completion) {
        return switch (completion.paymentMode()) {
            case INSTITUTION_ADVANCE -> PayeeType.INSTITUTION;
            case TRAINEE_DIRECT -> PayeeType.TRAINEE;
        };
    }

    /** The payee: the institution's name, or the trainee's pseudonymous person key (see {@link #payeeType}). */
    static String payee(Completion completion) {
        return payeeType(completion) == PayeeType.INSTITUTION ? completion.institutionName() : completion.personKey();
    }

    /**
     * "职业培训补贴由培训机构所在省辖市级人力资源社会保障部门会同同级财政部门落实" — the city where the training
     * institution sits pays.
     */
    static Optional<String> payingCity(Completion completion) {
        return Optional.ofNullable(completion.institutionCityCode()).filter(c -> !c.isBlank());
    }
}
