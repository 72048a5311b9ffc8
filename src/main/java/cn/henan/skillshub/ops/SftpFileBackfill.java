package cn.henan.skillshub.ops;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.publishing.Checkpoint;
import cn.henan.skillshub.publishing.RecordOutcome;
import cn.henan.skillshub.sources.sftp.ProcessedFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Backfill of an {@code sftp-file-drop} source: the files it has published are read again from the inbox's
 * {@code processed/} folder (see {@link ProcessedFiles}) and the lines whose {@code updated_at} falls in the window
 * are published again, under their first positions. Every file there was published to its end, so the pass never
 * runs ahead of the live route; files still in the inbox are the live route's.
 */
@Component
class SftpFileBackfill implements BackfillPass {

    private final ProcessedFiles files;

    SftpFileBackfill(ProcessedFiles files) {
        this.files = files;
    }

    @Override
    public String template() {
        return SourceRoute.SFTP_FILE_DROP;
    }

    @Override
    public Map<String, String> pull(SourceRoute source, Checkpoint live, Instant from, Instant to,
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
