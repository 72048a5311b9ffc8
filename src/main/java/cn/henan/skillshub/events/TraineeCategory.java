package cn.henan.skillshub.events;

/**
 * 二、培育对象: who the trainee is, as the real-name system records it. The plan names five groups; anyone else is
 * {@link #OTHER}.
 */
public enum TraineeCategory {
    /** 在岗…数字经济领域工作的各类人员 — employed in the digital economy. */
    EMPLOYED_DIGITAL_ECONOMY,
    /** 拟从事数字经济领域工作的各类人员 — about to work in the digital economy. */
    ABOUT_TO_WORK_DIGITAL_ECONOMY,
    /** 新就业形态劳动者、自由职业者 — new forms of employment, freelancers. */
    NEW_FORMS_OR_FREELANCE,
    /** 全日制高校…毕业学年学生 — a full-time student in the graduating year. */
    GRADUATING_STUDENT,
    /** 离校2年内未就业高校…毕业生 — a graduate not employed, within 2 years of leaving school. */
    UNEMPLOYED_GRADUATE,
    /** None of the plan's groups. */
    OTHER
}
