package cn.henan.skillshub.settlement;

/** Why an input event was parked instead of applied. */
enum ParkReason {
    /** No CloudEvents envelope could be read from the record's headers. */
    UNREADABLE_ENVELOPE,
    /** The value is not JSON, or not the data of its ce_type. */
    UNREADABLE_DATA,
    /** The data breaks the JSON Schema of its ce_type. */
    SCHEMA_VIOLATION,
    /** The occupation is not one of the programme's ten, so no standard can ever apply. */
    UNKNOWN_OCCUPATION,
    /** Applying it failed again and again (retries exhausted). */
    PROCESSING_FAILED
}
