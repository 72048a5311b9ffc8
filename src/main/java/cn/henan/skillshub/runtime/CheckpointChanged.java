package cn.henan.skillshub.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A source's checkpoint set or reset by an operator ({@link SourceCheckpoints}), as the audit trail records it: who,
 * when, how, from which position to which, and which instance wrote it. A Spring application event.
 *
 * @param how {@code position}, {@code rewindTo}, {@code skipPast} or {@code reset}
 */
public record CheckpointChanged(String source, String how, Map<String, String> from, Map<String, String> to,
                                String by, Instant at, String appliedBy) {
}
