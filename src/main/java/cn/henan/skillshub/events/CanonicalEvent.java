package cn.henan.skillshub.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One fact, ready for the envelope.
 *
 * @param id      {@code ce_id}: deterministic, see {@link #idOf}
 * @param source  {@code ce_source}: the source system, e.g. {@code /sources/realname-training}
 * @param subject {@code ce_subject}: the natural record key in the source, e.g. {@code enrolment/E2025000123}
 * @param key     the Kafka key: the person's pseudonymous key (or, for a fact about no person, a stable record key)
 */
public record CanonicalEvent(EventType type, String id, String source, String subject, OffsetDateTime time,
                             String key, Object data) {

    /**
     * A name-based UUID of (source system, natural record key, record version): pulling the same version of the
     * same record again — a replay, a backfill, a retry after a crash — yields the same id, so no subscriber mistakes
     * it for a new fact.
     */
    public static String idOf(String sourceSystem, String recordKey, String recordVersion) {
        String name = sourceSystem + '\u0000' + recordKey + '\u0000' + recordVersion;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
