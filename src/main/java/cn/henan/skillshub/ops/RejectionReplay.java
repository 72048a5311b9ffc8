package cn.henan.skillshub.ops;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.events.RecordRejected;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.runtime.SourceBatch;
import cn.henan.skillshub.runtime.SourceLeadership;
import cn.henan.skillshub.runtime.SourceMappers;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.runtime.SourceRegistry;
import cn.henan.skillshub.runtime.SourceRoute;
import cn.henan.skillshub.runtime.SourceTransactions;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.runtime.ClusterChannel;
import cn.henan.skillshub.runtime.SourceCommand;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays a rejected record after its source has been fixed: reads the record again at its position, maps it
 * with the route's own mapper and, if it now maps, publishes the event under the source id
 * {@code <source>.replay}. Once only: the rejection is marked replayed in the same database transaction that
 * waits for the Kafka commit, so a second replay — concurrent or later — is refused.
 *
 * <p>Which records can be read again, and when, is the way of pulling's to say ({@code WayOfPulling#reread}): for
 * an exchange table only a record fixed in place (same {@code updated_at}), since a fix that gave the row a new
 * version is published by the live poll, which will reach it; replaying it as well would publish it twice.
 */
@Component
class RejectionReplay {

    private static final Logger log = LoggerFactory.getLogger(RejectionReplay.class);
    static final String SUFFIX = ".replay";

    /** A replay sent to the leader of the source {@code routeId}. */
    record Ordered(String routeId, SourceCommand command) {
    }

    record Result(String rejectionId, String eventId, String eventType, String subject, String publishedAs) {
    }

    private final Rejections rejections;
    private final SourceRegistry sources;
    private final CheckpointStore checkpoints;
    private final SourceTransactions transactions;
    private final RecordPipeline pipeline;
    private final SourceMappers mappers;
    private final TransactionTemplate transaction;
    private final SourceLeadership leadership;
    private final ClusterChannel channel;

    RejectionReplay(Rejections rejections, SourceRegistry sources, CheckpointStore checkpoints,
                    SourceTransactions transactions, RecordPipeline pipeline, SourceMappers mappers, DataSource dataSource,
                    SourceLeadership leadership, ClusterChannel channel) {
        this.leadership = leadership;
        this.channel = channel;
        // In a cluster the source's leader applies a replay that the control topic brings it.
        channel.handle(SourceCommand.REPLAY, command -> EventJson.mapper().convertValue(
                replay(command.arguments().get("rejectionId"), command.requestedBy()),
                new TypeReference<Map<String, Object>>() { }));
        this.rejections = rejections;
        this.sources = sources;
        this.checkpoints = checkpoints;
        this.transactions = transactions;
        this.pipeline = pipeline;
        this.mappers = mappers;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** In a cluster: the replay, sent to the leader of the rejection's source through the control topic. */
    Ordered order(String rejectionId, String by) {
        Rejection rejection = rejections.byId(rejectionId)
                .orElseThrow(() -> ApiProblem.notFound("no rejection '" + rejectionId + "'"));
        if (rejection.replayedAt() != null) {
            throw alreadyReplayed(rejection);
        }
        SourceRoute source = sources.bySourceId(rejection.sourceId()).orElseThrow(() -> ApiProblem.conflict(
                "source " + rejection.sourceId() + " is not configured on this hub"));
        return new Ordered(source.routeId(), channel.submit(source.routeId(), SourceCommand.REPLAY,
                Map.of("rejectionId", rejectionId), by));
    }

    /** Replays are rare and short: one at a time, so a source's replay producer is never shared. */
    synchronized Result replay(String rejectionId, String by) {
        Rejection rejection = rejections.byId(rejectionId)
                .orElseThrow(() -> ApiProblem.notFound("no rejection '" + rejectionId + "'"));
        if (rejection.replayedAt() != null) {
            throw alreadyReplayed(rejection);
        }
        SourceRoute source = sources.bySourceId(rejection.sourceId()).orElseThrow(() -> ApiProblem.conflict(
                "source " + rejection.sourceId() + " is not configured on this hub"));
        if (!leadership.leads(source.sourceId())) {
            throw ApiProblem.conflict("source " + source.routeId() + " is led by another hub instance, not by "
                    + leadership.instanceId() + "; replay it there");
        }
        Checkpoint live = checkpoints.committed(source.sourceId()).orElse(Checkpoint.initial(source.sourceId()));
        // The way of pulling reads the record again where it lies, or says why it cannot (409).
        Map<String, Object> fields = sources.way(source).reread(source, rejection.position(), live);
        SourceRecordMapper mapper = mappers.of(source.sourceId(), source.parameter("mapper"));
        RecordOutcome outcome = pipeline.process(new SourceRecord(source.sourceId(), source.parameter("sourceSystem"),
                rejection.position(), fields), mapper);
        if (outcome instanceof RecordOutcome.Rejected still) {
            RecordRejected why = (RecordRejected) still.event().data();
            throw ApiProblem.unprocessable("the record is still rejected: " + why.reasonCode() + ", " + why.message());
        }
        String replayId = source.sourceId() + SUFFIX;
        try {
            transaction.executeWithoutResult(status -> {
                if (!rejections.markReplayed(rejectionId, by, outcome.event().id())) {
                    throw alreadyReplayed(rejections.byId(rejectionId).orElse(rejection));
                }
                transactions.publish(new SourceBatch(replayId, List.of(outcome), Map.of("position",
                        rejection.position())), 1);
            });
        } finally {
            transactions.forget(replayId);
        }
        log.info("rejection {} of source {} at {} replayed by {} as event {}", rejectionId, source.routeId(),
                rejection.position(), by, outcome.event().id());
        return new Result(rejectionId, outcome.event().id(), outcome.event().type().ceType(), outcome.event().subject(),
                replayId);
    }

    private static ApiProblem alreadyReplayed(Rejection rejection) {
        return ApiProblem.conflict("rejection " + rejection.id() + " was replayed already"
                + (rejection.replayEventId() == null ? "" : ", as event " + rejection.replayEventId()));
    }
}
