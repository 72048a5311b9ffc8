package cn.henan.skillshub.ops;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.publishing.BatchPublisher;
import cn.henan.skillshub.publishing.CheckpointStore;
import cn.henan.skillshub.publishing.RecordOutcome;
import cn.henan.skillshub.publishing.SourceBatch;
import cn.henan.skillshub.sources.RecordPipeline;
import cn.henan.skillshub.sources.SourceRecord;
import cn.henan.skillshub.sources.SourceRecordMapper;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays a rejected record after its source has been fixed: reads the record again at its position, maps it
 * with the route's own mapper and, if it now maps, publishes the event under the source id
 * {@code <source>.replay}. Once only: the rejection is marked replayed in the same database transaction that
 * waits for the Kafka commit, so a second replay — concurrent or later — is refused.
 *
 * <p>Only a record fixed in place (same {@code updated_at}) is replayed. A fix that gave the row a new version is
 * published by the live poll, which will reach it; replaying it as well would publish it twice.
 */
@Component
class RejectionReplay {

    private static final Logger log = LoggerFactory.getLogger(RejectionReplay.class);
    static final String SUFFIX = ".replay";

    record Result(String rejectionId, String eventId, String eventType, String subject, String publishedAs) {
    }

    private final Rejections rejections;
    private final SourceRoutes routes;
    private final SourceOperations sources;
    private final CheckpointStore checkpoints;
    private final BatchPublisher publisher;
    private final RecordPipeline pipeline;
    private final BeanFactory beans;
    private final TransactionTemplate transaction;

    RejectionReplay(Rejections rejections, SourceRoutes routes, SourceOperations sources, CheckpointStore checkpoints,
                    BatchPublisher publisher, RecordPipeline pipeline, BeanFactory beans, DataSource dataSource) {
        this.rejections = rejections;
        this.routes = routes;
        this.sources = sources;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
        this.pipeline = pipeline;
        this.beans = beans;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Replays are rare and short: one at a time, so a source's replay producer is never shared. */
    synchronized Result replay(String rejectionId, String by) {
        Rejection rejection = rejections.byId(rejectionId)
                .orElseThrow(() -> ApiProblem.notFound("no rejection '" + rejectionId + "'"));
        if (rejection.replayedAt() != null) {
            throw alreadyReplayed(rejection);
        }
        SourceRoute source = routes.bySourceId(rejection.sourceId()).orElseThrow(() -> ApiProblem.conflict(
                "source " + rejection.sourceId() + " is not configured on this hub"));
        if (!source.isJdbcKeysetPoll()) {
            throw ApiProblem.conflict(notReplayable(source));
        }
        JdbcFeed.Cursor position = JdbcFeed.Cursor.parsePosition(rejection.position());
        Map<String, Object> row = sources.feed(source).row(position.id()).orElseThrow(() -> ApiProblem.conflict(
                "the record at " + rejection.position() + " is no longer in source " + source.routeId()));
        JdbcFeed.Cursor current = JdbcFeed.cursorOf(row);
        if (!current.equals(position)) {
            throw ApiProblem.conflict("the record has a new version (" + current.asText() + ") since it was rejected;"
                    + " the live poll publishes that version, a replay would publish it twice");
        }
        boolean reachedByLivePoll = checkpoints.committed(source.sourceId()).flatMap(JdbcFeed.Cursor::of)
                .map(live -> !position.isAfter(live)).orElse(false);
        if (!reachedByLivePoll) {
            throw ApiProblem.conflict("the live poll of " + source.routeId() + " has not passed this record yet");
        }
        SourceRecordMapper mapper = beans.getBean(source.parameter("mapper"), SourceRecordMapper.class);
        RecordOutcome outcome = pipeline.process(new SourceRecord(source.sourceId(), source.parameter("sourceSystem"),
                position.asText(), row), mapper);
        if (outcome instanceof RecordOutcome.Rejected still) {
            cn.henan.skillshub.events.RecordRejected why = (cn.henan.skillshub.events.RecordRejected) still.event().data();
            throw ApiProblem.unprocessable("the record is still rejected: " + why.reasonCode() + ", " + why.message());
        }
        String replayId = source.sourceId() + SUFFIX;
        try {
            transaction.executeWithoutResult(status -> {
                if (!rejections.markReplayed(rejectionId, by, outcome.event().id())) {
                    throw alreadyReplayed(rejections.byId(rejectionId).orElse(rejection));
                }
                publisher.publish(new SourceBatch(replayId, List.of(outcome), position.asPosition()), 1);
            });
        } finally {
            publisher.forget(replayId);
        }
        log.info("rejection {} of source {} at {} replayed by {} as event {}", rejectionId, source.routeId(),
                rejection.position(), by, outcome.event().id());
        return new Result(rejectionId, outcome.event().id(), outcome.event().type().ceType(), outcome.event().subject(),
                replayId);
    }

    /**
     * A replay reads the rejected record again where it lies, which only an exchange database allows. The other
     * ways of pulling have their own road to a correction, and the answer names it.
     */
    private static String notReplayable(SourceRoute source) {
        String how = switch (source.template()) {
            case SourceRoute.REST_PAGE_POLL -> "the corrected record gets a new version (updated_at) at the source"
                    + " and the live poll publishes it; POST /api/v1/sources/" + source.routeId()
                    + "/backfill pulls a window again";
            case SourceRoute.SFTP_FILE_DROP -> "the body delivers the corrected lines in a new file, which the live"
                    + " route publishes";
            default -> "correct the record at the source";
        };
        return "source " + source.routeId() + " is pulled by '" + source.template() + "', whose records cannot be"
                + " read again one by one: " + how;
    }

    private static ApiProblem alreadyReplayed(Rejection rejection) {
        return ApiProblem.conflict("rejection " + rejection.id() + " was replayed already"
                + (rejection.replayEventId() == null ? "" : ", as event " + rejection.replayEventId()));
    }
}
