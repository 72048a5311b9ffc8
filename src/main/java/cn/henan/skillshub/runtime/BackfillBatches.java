package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.RejectReason;
import java.util.List;
import java.util.Map;

/**
 * The output of one backfill: records through the source's own mapper, as the live poll maps them, and batches
 * published in Kafka transactions under the backfill's own source id ({@code <source>.backfill}: its transactional
 * id and checkpoint key), counted for the caller.
 */
public final class BackfillBatches {

    private final SourceTransactions publisher;
    private final RecordPipeline pipeline;
    private final SourceRoute source;
    private final String backfillId;
    private final SourceRecordMapper mapper;
    private long read;
    private long rejected;

    BackfillBatches(SourceTransactions publisher, RecordPipeline pipeline, SourceRoute source, String backfillId,
                    SourceRecordMapper mapper) {
        this.publisher = publisher;
        this.pipeline = pipeline;
        this.source = source;
        this.backfillId = backfillId;
        this.mapper = mapper;
    }

    /**
     * A record mapped as the live poll maps it. The live source id, not the backfill's: a reject's id and position
     * are those the live poll gave it.
     */
    public RecordOutcome outcome(String position, Map<String, Object> fields) {
        return pipeline.process(record(position, fields), mapper);
    }

    /** A record rejected before mapping, as the live poll rejects it (a CSV line that is not one). */
    public RecordOutcome reject(String position, Map<String, Object> fields, RejectReason reason, String message) {
        return pipeline.reject(record(position, fields), reason, message);
    }

    /** One Kafka transaction: the outcomes and the backfill's own checkpoint at {@code position}. */
    public void publish(List<RecordOutcome> outcomes, Map<String, String> position) {
        if (outcomes.isEmpty()) {
            return;
        }
        SourceBatch batch = new SourceBatch(backfillId, outcomes, position);
        publisher.publish(batch, outcomes.size());
        read += outcomes.size();
        rejected += batch.rejected();
    }

    public long read() {
        return read;
    }

    public long rejected() {
        return rejected;
    }

    private SourceRecord record(String position, Map<String, Object> fields) {
        return new SourceRecord(source.sourceId(), source.parameter("sourceSystem"), position, fields);
    }
}
