package cn.henan.skillshub.reference;

/**
 * Batch (认定批次) in which the Ministry approved an institution for an occupation field, as Annex 2 of
 * the plan lists it.
 */
public enum Batch {
    /** 第一批 */
    FIRST,
    /** 第二批 */
    SECOND
}
