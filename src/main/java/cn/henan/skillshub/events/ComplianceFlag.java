package cn.henan.skillshub.events;

/**
 * A policy concern found in a record. Flags are published with the event, never a reason to reject it:
 * supervisors (and the subsidy settlement service) decide what follows.
 */
public enum ComplianceFlag {
    /** 线上培训课时一般不超过培训总课时的50% — online hours normally at most half of the total. */
    ONLINE_HOURS_OVER_HALF,
    /** 于培训开班10日前报…备案 — the plan must be filed at least 10 days before the class opens. */
    PLAN_FILED_LATE,
    /** 不得在目录之外…开展相关培训 — the institution is not in the catalogue for this occupation. */
    INSTITUTION_NOT_IN_CATALOGUE,
    /** 不含达到法定退休年龄人员 — the trainee is at or past statutory retirement age when the class starts. */
    AT_OR_PAST_RETIREMENT_AGE,
    /** 二、培育对象: the trainee is in none of the plan's groups (category OTHER). */
    NOT_AN_ELIGIBLE_CATEGORY,
    /** 省内…: the trainee is recorded as not in the province. */
    NOT_IN_PROVINCE,
    /** 离校2年内未就业…毕业生: an unemployed graduate who left school more than 2 years before the class starts. */
    GRADUATE_BEYOND_TWO_YEARS,
    /** 二、培育对象: a student or graduate of a school the plan does not name for that group (or none recorded). */
    SCHOOL_NOT_NAMED_IN_PLAN,
    /** 在培训结业30日内将学员名单…报 — the trainee list was reported more than 30 days after completion. */
    TRAINEE_LIST_REPORTED_LATE,
    /** 理论知识考试、专业能力考核成绩均合格的,获得…证书 — a certificate issued while a part is recorded as failed. */
    CERTIFICATE_WITH_FAILED_PART,
    /** CE hours registered from a training certificate whose training hours are fewer than those registered. */
    CE_HOURS_EXCEED_TRAINING_HOURS,
    /**
     * CE hours registered from a training certificate the hub has not published (yet), so the hours could not be
     * checked against the training: a supervisor looks at it rather than the registration passing unchecked.
     */
    TRAINING_CERTIFICATE_UNKNOWN
}
