package cn.henan.skillshub.ops;

import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.publishing.BatchPublisher;
import cn.henan.skillshub.publishing.RecordOutcome;
import cn.henan.skillshub.publishing.SourceBatch;
import cn.henan.skillshub.sources.RecordPipeline;
import cn.henan.skillshub.sources.SourceRecord;
import cn.henan.skillshub.sources.SourceRecordMapper;
import java.util.List;
import java.util.Map;

/**
 * The output of one backfill: records through the source's own mapper, as the live poll maps them, and batches
 * published in Kafka transactions under the backfill's own source id ({@code <source>.backfill}: its transactional
 * id and checkpoint key), counted for the caller.
 */
final class BackfillBatches {

    private final BatchPublisher publisher;
    private final RecordPipeline pipeline;
    private final SourceRoute source;
    private final String backfillId;
    private final SourceRecordMapper mapper;
    private long read;
    private long rejected;

    BackfillBatches(BatchPublisher publisher, RecordPipeline pipeline, SourceRoute source, String backfillId,
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
    RecordOutcome outcome(String position, Map<String, Object> fields) {
        return pipeline.process(record(position, fields), mapper);
    }

    /** A record rejected before mapping, as the live poll rejects it (a CSV line that is not one). */
    RecordOutcome reject(String position, Map<String, Object> fields, RejectReason reason, String message) {
        return pipeline.reject(record(position, fields), reason, message);
    }

    /** One Kafka transaction: the outcomes and the backfill's own checkpoint at {@code position}. */
    void publish(List<RecordOutcome> outcomes, Map<String, String> position) {
        if (outcomes.isEmpty()) {
            return;
        }
        SourceBatch batch = new SourceBatch(backfillId, outcomes, position);
        publisher.publish(batch, outcomes.size());
        read += outcomes.size();
        rejected += batch.rejected();
    }

    long read() {
        return read;
    }

    long rejected() {
        return rejected;
    }

    private SourceRecord record(String position, Map<String, Object> fields) {
        return new SourceRecord(source.sourceId(), source.parameter("sourceSystem"), position, fields);
    }
}
