package cn.henan.skillshub.events;

/** The two ways the plan lets a training subsidy be paid (rule 6). */
public enum PaymentMode {
    /** 先垫后补 — the training institution advances the cost and is reimbursed: the institution is the payee. */
    INSTITUTION_ADVANCE,
    /** 先缴后补、直补个人 — the trainee pays first and the subsidy goes straight to the trainee. */
    TRAINEE_DIRECT
}
