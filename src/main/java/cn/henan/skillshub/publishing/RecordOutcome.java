package cn.henan.skillshub.publishing;

import cn.henan.skillshub.events.CanonicalEvent;

/** What became of one source record: an event to publish, or a reject for the DLQ (itself an event). */
public sealed interface RecordOutcome {

    CanonicalEvent event();

    record Accepted(CanonicalEvent event) implements RecordOutcome {
    }

    record Rejected(CanonicalEvent event) implements RecordOutcome {
    }
}
