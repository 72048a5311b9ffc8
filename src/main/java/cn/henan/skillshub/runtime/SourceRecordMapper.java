package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.CanonicalEvent;
import java.util.Map;
import java.util.Set;

/**
 * Turns one record of one kind of a source system into its canonical event. One implementation per feed.
 * Implementations are stateless: a batch's records may be mapped on several threads at once.
 */
public interface SourceRecordMapper {

    /** @throws RecordRejectedException when the record cannot be an event; the reason code says why */
    CanonicalEvent map(SourceRecord record) throws RecordRejectedException;

    /**
     * The record's fields as a reject may carry them out of the hub: personal fields masked. By default judged by
     * their names ({@link PersonalFields}); a declared mapping knows which of a body's fields hold an ID number or
     * a name whatever they are called.
     */
    default Map<String, Object> masked(Map<String, Object> rawFields) {
        return PersonalFields.masked(rawFields);
    }

    /**
     * The top-level source fields this mapper reads (a CSV's column names), when it declares them; empty when it
     * does not say. A file source refuses a file whose header lacks one of them: a column missing from a file is
     * not an empty value in every line.
     */
    default Set<String> sourceColumns() {
        return Set.of();
    }
}
