package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.CanonicalEvent;

/**
 * Turns one record of one kind of a source system into its canonical event. One implementation per feed.
 * Implementations are stateless: a batch's records may be mapped on several threads at once.
 */
public interface SourceRecordMapper {

    /** @throws RecordRejectedException when the record cannot be an event; the reason code says why */
    CanonicalEvent map(SourceRecord record) throws RecordRejectedException;
}
