package cn.henan.skillshub.runtime;

import cn.henan.skillshub.api.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a way of pulling ({@code sources/jdbc}, {@code sources/rest}, {@code sources/sftp}) gives the runtime — the
 * counterpart of Kafka Connect's {@code SourceTask}: it turns what it reads into records with their positions and
 * never sees a transaction. Four things:
 * <ul>
 *   <li><b>poll from a checkpoint</b>: its route template, which {@link #template()} names. Each poll asks
 *       {@link SourceTransactions#resumePoint} where to start and hands its batches to
 *       {@link SourceTransactions#publishInBackground} / {@link SourceTransactions#publish}; the runtime begins,
 *       fills and commits the transaction with the checkpoint inside, fences, and pipelines;</li>
 *   <li><b>read a time window</b> ({@link #backfill}), for an operator's backfill;</li>
 *   <li><b>re-read one position</b> ({@link #reread}), for the replay of a rejected record;</li>
 *   <li><b>report its lag</b> ({@link #lagSeconds}).</li>
 * </ul>
 * The template registers every source it instantiates with {@link SourceRegistry#registration}, naming its way.
 */
public interface WayOfPulling {

    /** The route template whose sources this way pulls, e.g. {@code jdbc-keyset-poll}. */
    String template();

    /**
     * Publishes the records of {@code [from, to)} that the live poll has already published — no further, so a
     * backfill never runs ahead of the live poll — through {@code batches}, with the positions the live poll gave
     * them (same records, same {@code ce_id}s).
     *
     * @param live the source's committed checkpoint
     * @return where the pass had to stop at the latest: the live checkpoint's position, as the caller is shown it
     * @throws ApiProblem when the source cannot be backfilled now (409, 502)
     */
    Map<String, String> backfill(SourceRoute source, Checkpoint live, Instant from, Instant to, BackfillBatches batches);

    /**
     * A record read ahead of the live poll: its position as the live poll would give it, its fields, and — for
     * what the live poll rejects before mapping (a CSV line that is no record, a file it cannot read) — why.
     */
    record ReadAhead(String position, Map<String, Object> fields, String problem) {
        public ReadAhead(String position, Map<String, Object> fields) {
            this(position, fields, null);
        }
    }

    /**
     * Up to {@code limit} records the live poll would read next from {@code live}, read-only — for a dry run
     * against the live source: nothing published, the checkpoint not moved, nothing at the source marked or moved.
     *
     * @param mapper the source's mapper (a file source refuses a file lacking a column it reads, as the live route)
     * @throws ApiProblem 409 when this way cannot read ahead without changing the source (the default), 502 when
     *                    the source does not answer
     */
    default List<ReadAhead> readAhead(SourceRoute source, Checkpoint live, SourceRecordMapper mapper, int limit) {
        throw ApiProblem.conflict("source " + source.routeId() + " is pulled by '" + template() + "', which cannot"
                + " read records ahead of its live poll without changing the source; dry-run a sample instead"
                + " (POST /api/v1/sources/dry-run with the route file and records)");
    }

    /**
     * The record at {@code position} as the source holds it now, checked to be the version the live poll read there
     * and passed by the live poll already; for the replay of a rejected record.
     *
     * @throws ApiProblem 409 when the record cannot be read again one by one (the default: the answer names the
     *                    way of correcting it instead), has a new version, or the live poll has not passed it
     */
    default Map<String, Object> reread(SourceRoute source, String position, Checkpoint live) {
        throw ApiProblem.conflict("source " + source.routeId() + " is pulled by '" + template() + "', whose records"
                + " cannot be read again one by one: " + correction(source));
    }

    /** For a way that cannot re-read a record: how a corrected record reaches subscribers instead. */
    default String correction(SourceRoute source) {
        return "correct the record at the source";
    }

    /**
     * A checkpoint position an operator gives for a paused source ({@code PUT .../checkpoint} with
     * {@code position}), checked to be one this way reads, and returned as the live poll writes it.
     *
     * @throws ApiProblem 400 naming the field ({@code position.<key>}) that does not parse or does not belong
     */
    default Map<String, String> checkedPosition(SourceRoute source, Map<String, String> position) {
        throw cannotSet(source, "position");
    }

    /** The position from which the live poll reads again every record whose version is at or after {@code time}. */
    default Map<String, String> positionAt(SourceRoute source, Instant time) {
        throw cannotSet(source, "rewindTo");
    }

    /**
     * The position just past one record, given as its rejection or log names its position: the live poll goes on
     * after it, as past a poison record.
     *
     * @throws ApiProblem 400 naming {@code skipPast} when it is not a record position of this way
     */
    default Map<String, String> positionPast(SourceRoute source, String recordPosition) {
        throw cannotSet(source, "skipPast");
    }

    private ApiProblem cannotSet(SourceRoute source, String field) {
        return ApiProblem.badRequest(field + ": the checkpoint of source " + source.routeId() + ", pulled by '"
                + template() + "', cannot be set this way");
    }

    /**
     * Seconds behind the source, as {@link SourceStatus#lagSeconds()} defines it for each way; null when not known.
     */
    Double lagSeconds(SourceRoute source, Checkpoint committed, SourceTracker tracker);
}
