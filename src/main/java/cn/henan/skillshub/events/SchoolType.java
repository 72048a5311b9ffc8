package cn.henan.skillshub.events;

/**
 * The school a student or graduate trainee comes from, as 二、培育对象 names them: 全日制高校 (含技工院校高级工班、
 * 预备技师班、技师班和特殊教育院校职业教育类) for graduating-year students, 高校 (含技工院校高级工班、预备技师班) for
 * unemployed graduates.
 */
public enum SchoolType {
    /** 全日制高校 — a full-time college or university. */
    FULL_TIME_COLLEGE,
    /** 技工院校高级工班 — a technical school's senior-worker class. */
    TECHNICAL_SCHOOL_SENIOR_CLASS,
    /** 预备技师班 — a preparatory technician class. */
    PREPARATORY_TECHNICIAN_CLASS,
    /** 技师班 — a technician class. */
    TECHNICIAN_CLASS,
    /** 特殊教育院校职业教育类 — the vocational classes of a special-education school. */
    SPECIAL_EDUCATION_VOCATIONAL,
    /** Any other school. */
    OTHER
}
