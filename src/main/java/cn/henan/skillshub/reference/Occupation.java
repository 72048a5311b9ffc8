package cn.henan.skillshub.reference;

/**
 * One of the ten occupations of the programme.
 *
 * @param code     code as the plan's Annex 3 prints it, e.g. {@code 2-02-10-09}; the hub's key
 * @param name     Chinese name as Annex 3 prints it, e.g. 人工智能工程技术人员
 * @param field    short field name Annex 2 uses, e.g. 人工智能
 * @param code2022 code in the 2022 edition of the classification, e.g. {@code 2-02-38-01}
 */
public record Occupation(String code, String name, String field, String code2022) {
}
