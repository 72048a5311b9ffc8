package cn.henan.skillshub.person;

/**
 * The three groups whose statutory retirement age the 2024 decision raises at different paces.
 *
 * <ul>
 *   <li>{@link #MALE} 男职工: 60 → 63;</li>
 *   <li>{@link #FEMALE_CADRE} 原法定退休年龄五十五周岁的女职工 (cadres and professional/technical staff): 55 → 58;</li>
 *   <li>{@link #FEMALE_WORKER} 原法定退休年龄五十周岁的女职工 (production and service workers): 50 → 55.</li>
 * </ul>
 */
public enum RetirementCategory {
    MALE,
    FEMALE_CADRE,
    FEMALE_WORKER
}
