package cn.henan.skillshub.events;

/** Subject category of continuing-education hours. */
public enum CeHoursCategory {
    /** 公需科目 — general subjects every professional takes. */
    PUBLIC,
    /** 专业科目 — professional subjects: where a training certificate's hours are registered. */
    PROFESSIONAL
}
