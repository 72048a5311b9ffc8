package cn.henan.skillshub.reference;

/**
 * Which edition of the national occupational classification (职业分类大典) an occupation code comes from.
 * The plan prints the codes under which the occupations were announced (2019-2021); the 2022 edition
 * renumbered them, and reused two of the old codes for other occupations (2-02-07-13 is 铸造工程技术人员
 * and 2-02-30-11 is 供应链工程技术人员 in 2022). A code alone therefore does not always say what it means.
 */
public enum CodeEdition {
    /** The codes as the plan's Annex 3 prints them. */
    PLAN,
    /** 中华人民共和国职业分类大典（2022年版）. */
    CLASSIFICATION_2022
}
