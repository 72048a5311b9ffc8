package cn.henan.skillshub.ops;

import cn.henan.skillshub.publishing.Checkpoint;
import java.time.Instant;
import java.util.Map;

/**
 * One way of pulling a time window of a source again, for one route template. {@link SourceBackfill} checks the
 * window, lets one backfill of a source run at a time and gives the pass its {@link BackfillBatches}; the pass
 * finds the records of {@code [from, to)} the live poll has already published — no further, so it never runs ahead
 * of the live poll — and hands them over batch by batch, with the same positions the live poll gave them.
 */
interface BackfillPass {

    /** The route template whose sources this pass pulls, e.g. {@code jdbc-keyset-poll}. */
    String template();

    /**
     * Publishes the window's records through {@code batches}.
     *
     * @param live the source's committed checkpoint: the pass goes no further than it
     *
     * @return where the pass had to stop at the latest: the live checkpoint's position, as the caller is shown it
     * @throws cn.henan.skillshub.api.ApiProblem when the source cannot be backfilled now (409)
     */
    Map<String, String> pull(SourceRoute source, Checkpoint live, Instant from, Instant to, BackfillBatches batches);
}
