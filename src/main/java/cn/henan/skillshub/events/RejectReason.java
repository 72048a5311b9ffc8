package cn.henan.skillshub.events;

/** Why a source record could not become an event. */
public enum RejectReason {
    INVALID_ID_NUMBER,
    UNKNOWN_OCCUPATION,
    UNKNOWN_LEVEL,
    IMPOSSIBLE_DATE,
    NEGATIVE_HOURS,
    HOURS_OVER_TOTAL,
    MISSING_FIELD,
    MALFORMED_RECORD,
    SCHEMA_VIOLATION
}
