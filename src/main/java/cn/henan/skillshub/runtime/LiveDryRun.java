package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.RejectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A dry run against a running source: the next records its live poll would read from its committed checkpoint,
 * read by its way of pulling ({@link WayOfPulling#readAhead}) and mapped by its own mapper, as the live poll maps
 * them. Nothing is published, no producer is opened, the checkpoint is not moved: it is read, never written. Any
 * instance may answer, the leader or not, since nothing is written.
 */
@Component
public class LiveDryRun {

    /** At most this many records per dry run: it is a look, not a backfill. */
    public static final int MAX_RECORDS = 100;

    /** The source, the checkpoint it was read from, and each record's position and outcome, in order. */
    public record Result(SourceRoute source, Map<String, String> checkpoint, List<String> positions,
                         List<RecordOutcome> outcomes) {
    }

    private final Sources sources;
    private final SourceRegistry registry;
    private final CheckpointStore checkpoints;
    private final RecordPipeline pipeline;
    private final SourceMappers mappers;

    LiveDryRun(Sources sources, SourceRegistry registry, CheckpointStore checkpoints, RecordPipeline pipeline,
               SourceMappers mappers) {
        this.sources = sources;
        this.registry = registry;
        this.checkpoints = checkpoints;
        this.pipeline = pipeline;
        this.mappers = mappers;
    }

    /**
     * @throws cn.henan.skillshub.api.ApiProblem 404 for an unknown source; 409 when its way cannot read ahead;
     *                                           502 when the source does not answer
     */
    public Result read(String routeId, int limit) {
        SourceRoute source = sources.source(routeId);
        WayOfPulling way = registry.way(source);
        Checkpoint live = checkpoints.committed(source.sourceId()).orElse(Checkpoint.initial(source.sourceId()));
        SourceRecordMapper mapper = mappers.of(source.sourceId(), source.parameter("mapper"));
        List<String> positions = new ArrayList<>();
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (WayOfPulling.ReadAhead read : way.readAhead(source, live, mapper, limit)) {
            positions.add(read.position());
            SourceRecord record = new SourceRecord(source.sourceId(), source.parameter("sourceSystem"),
                    read.position(), read.fields());
            outcomes.add(read.problem() == null ? pipeline.process(record, mapper)
                    : pipeline.reject(record, RejectReason.MALFORMED_RECORD, read.problem()));
        }
        return new Result(source, live.position(), positions, outcomes);
    }
}
