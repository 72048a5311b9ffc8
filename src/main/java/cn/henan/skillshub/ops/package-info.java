/**
 * Operating the hub: the state of every source (running, paused, failing, fenced; checkpoint, lag, counts,
 * circuit breaker) and its metrics and health; pausing, resuming and backfilling a source; the index of rejected
 * records and their replay; new versions of reference data from the provincial platform, kept on the compacted
 * topic {@code skills.reference.v1}; and the ops console at {@code /ops}.
 */
package cn.henan.skillshub.ops;
