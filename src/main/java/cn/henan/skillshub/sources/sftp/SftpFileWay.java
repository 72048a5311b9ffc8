package cn.henan.skillshub.sources.sftp;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.runtime.BackfillBatches;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.runtime.SourceRoute;
import cn.henan.skillshub.runtime.SourceTracker;
import cn.henan.skillshub.runtime.WayOfPulling;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The {@code sftp-file-drop} way of pulling, beside its live route ({@link SftpFileDrop}). Its lag is what the polls
 * report ({@link SourceTracker#lagFromPolls}); its lines cannot be re-read one by one. Backfill: the files it has published are read again from the inbox's
 * {@code processed/} folder (see {@link ProcessedFiles}) and the lines whose {@code updated_at} falls in the window
 * are published again, under their first positions. Every file there was published to its end, so the pass never
 * runs ahead of the live route; files still in the inbox are the live route's.
 */
@Component
class SftpFileWay implements WayOfPulling {

    private final ProcessedFiles files;

    SftpFileWay(ProcessedFiles files) {
        this.files = files;
    }

    @Override
    public String template() {
        return SftpFileDropTemplate.TEMPLATE;
    }

    @Override
    public Double lagSeconds(SourceRoute source, Checkpoint committed, SourceTracker tracker) {
        return tracker.lagFromPolls(source);
    }

    @Override
    public String correction(SourceRoute source) {
        return "the body delivers the corrected lines in a new file, which the live route publishes";
    }

    /** The lines the live route would publish next from the inbox, read without moving or marking a file. */
    @Override
    public List<ReadAhead> readAhead(SourceRoute source, Checkpoint live, SourceRecordMapper mapper, int limit) {
        try {
            return files.inbox(source.parameters(), live.position(), mapper.sourceColumns(), limit).stream()
                    .map(line -> new ReadAhead(line.position(), line.fields(), line.problem())).toList();
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "source " + source.routeId() + ": " + e.getMessage());
        }
    }

    @Override
    public Map<String, String> backfill(SourceRoute source, Checkpoint live, Instant from, Instant to,
                                    BackfillBatches batches) {
        try {
            files.replay(source.parameters(), from, to, (lines, position) -> {
                List<RecordOutcome> outcomes = new ArrayList<>(lines.size());
                for (ProcessedFiles.Line line : lines) {
                    outcomes.add(line.malformed()
                            ? batches.reject(line.position(), line.fields(), RejectReason.MALFORMED_RECORD, line.problem())
                            : batches.outcome(line.position(), line.fields()));
                }
                batches.publish(outcomes, position);
            });
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "source " + source.routeId() + ": backfill stopped after "
                    + batches.read() + " records, " + e.getMessage() + "; what was published stays published, and"
                    + " asking again for the same window is safe (same records, same ce_ids)");
        }
        // The live position without its list of published checksums: the file it last finished, for the caller.
        Map<String, String> shown = new TreeMap<>(live.position());
        shown.keySet().removeIf(key -> key.equals("published") || key.startsWith("open."));
        return shown;
    }
}
