package cn.henan.skillshub.events;

import cn.henan.skillshub.reference.Level;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * {@code skills.subsidy.decided.v1}: the subsidy settlement service decided a training-subsidy claim (职业培训补贴).
 * One claim is one training completion of a person; it is decided once it is joined with that person's level
 * certificate of the same occupation and level.
 *
 * @param claimId               the ledger's id of the claim (one per training completion)
 * @param decision              what was decided
 * @param reasonCodes           why (empty for an approval)
 * @param levelCertificateNo    the level certificate the claim was joined with (absent while none is valid)
 * @param standardVersion       the Annex 3 version applied (absent when none is in force)
 * @param requiredHours         the required hours of that standard (学时要求)
 * @param totalHours            the hours the trainee completed
 * @param amountYuan            APPROVED: the amount to pay; RECOVERY_REQUIRED: the amount paid that is to be recovered
 * @param payee                 the institution's name (先垫后补) or the trainee's person key (先缴后补、直补个人)
 * @param cityCode              the city of the training institution, whose HRSS and finance bureaus pay
 * @param decidedFrom           the {@code ce_id}s of the events the decision was made from
 * @param complianceFlags       the flags of those events, kept for supervisors
 */
public record SubsidyDecided(
        long claimId,
        Decision decision,
        List<Reason> reasonCodes,
        String personKey,
        String occupationCode,
        Level level,
        String enrolmentNo,
        String trainingCertificateNo,
        String levelCertificateNo,
        String standardVersion,
        Integer requiredHours,
        BigDecimal totalHours,
        Integer amountYuan,
        PaymentMode paymentMode,
        PayeeType payeeType,
        String payee,
        String cityCode,
        List<String> decidedFrom,
        OffsetDateTime decidedAt,
        Set<ComplianceFlag> complianceFlags) {

    public enum Decision {
        /** Pay {@code amountYuan} to {@code payee}. */
        APPROVED,
        /** Not paid, for the reasons given. Final. */
        REJECTED,
        /** Complete, but no subsidy standard is in force on its date: decided when a new version arrives. */
        HELD,
        /** The level certificate of an approved claim was revoked: the amount paid is to be recovered. */
        RECOVERY_REQUIRED
    }

    public enum Reason {
        /** 完成规定的学时 — fewer hours than the standard requires. */
        REQUIRED_HOURS_NOT_MET,
        /** 不含达到法定退休年龄人员 — the trainee was at or past statutory retirement age. */
        AT_OR_PAST_RETIREMENT_AGE,
        /** 不得在目录之外…开展相关培训 — the institution is not in the catalogue for the occupation. */
        INSTITUTION_NOT_IN_CATALOGUE,
        /** 理论知识考试、专业能力考核成绩均合格 — the level certificate was issued with a part failed. */
        CERTIFICATE_WITH_FAILED_PART,
        /** 同一人员同一职业(工种)同一层级不得重复申领 — already paid for this occupation and level. */
        ALREADY_PAID,
        /** 已享受高等级补贴的,不得再享受低等级补贴 — already paid at a higher level of this occupation. */
        HIGHER_LEVEL_ALREADY_PAID,
        /** 取得…相应专业技术等级证书 — the level certificate was revoked. */
        LEVEL_CERTIFICATE_REVOKED,
        /** 试行到2025年12月31日 — no standard in force on the claim's date. */
        NO_STANDARD_IN_FORCE,
        /** 由培训机构所在省辖市…落实 — the institution's city is unknown, so no city can pay. */
        PAYING_CITY_UNKNOWN
    }

    /** Who receives the money, by payment mode (rule 6). */
    public enum PayeeType {
        INSTITUTION,
        TRAINEE
    }
}
