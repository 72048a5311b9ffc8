package cn.henan.skillshub.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A source's position, committed with the events read up to it.
 *
 * @param position    source-specific: a keyset cursor, a page token, a file name and checksum
 * @param recordsRead all records read from this source up to this position, for count in = published + rejected
 */
public record Checkpoint(String sourceId, Map<String, String> position, Instant committedAt, long recordsRead,
                         long eventsPublished, long recordsRejected) {

    public Checkpoint advance(Map<String, String> newPosition, int read, int published, int rejected) {
        return new Checkpoint(sourceId, Map.copyOf(newPosition), Instant.now(), recordsRead + read,
                eventsPublished + published, recordsRejected + rejected);
    }

    public static Checkpoint initial(String sourceId) {
        return new Checkpoint(sourceId, Map.of(), null, 0, 0, 0);
    }
}
