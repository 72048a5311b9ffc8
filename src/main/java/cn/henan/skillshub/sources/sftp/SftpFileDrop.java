package cn.henan.skillshub.sources.sftp;

import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.runtime.SourceTransactions;
import cn.henan.skillshub.runtime.Checkpoint;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.SourceBatch;
import cn.henan.skillshub.runtime.SourceTracker;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceMappers;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code sftp-file-drop} route for one file: spool it, skip it if its checksum was published
 * before, read its lines from where the checkpoint left it, and publish them in batches — events, rejects and the
 * file's position in one Kafka transaction per batch. Sets the folder the file is then moved to.
 */
@Component(SftpFileDrop.BEAN)
public class SftpFileDrop {

    static final String BEAN = "sftpFileDrop";
    /** Exchange property read by the consumer's {@code move} option once the exchange has completed. */
    static final String TARGET_FOLDER = "skillshubFileFolder";
    static final String PROCESSED = "processed";
    static final String FAILED = "failed";

    private static final Logger log = LoggerFactory.getLogger(SftpFileDrop.class);

    private final SourceTransactions publisher;
    private final RecordPipeline pipeline;
    private final SourceTracker tracker;
    private final SftpPollWatch watch;
    private final SourceMappers mappers;
    private final Path spoolDirectory;
    private final long maxLineBytes;

    SftpFileDrop(SourceTransactions publisher, RecordPipeline pipeline, SourceTracker tracker, SftpPollWatch watch,
                 SourceMappers mappers,
                 @Value("${skillshub.sources.sftp.spool-directory:${java.io.tmpdir}/skills-hub-sftp}") Path spoolDirectory,
                 @Value("${skillshub.sources.sftp.max-line-bytes:1048576}") long maxLineBytes) {
        this.publisher = publisher;
        this.pipeline = pipeline;
        this.tracker = tracker;
        this.watch = watch;
        this.mappers = mappers;
        this.spoolDirectory = spoolDirectory;
        this.maxLineBytes = maxLineBytes;
    }

    /** One poll: a file to take, or — when the inbox holds none ready — nothing but the poll's metric. */
    public void take(Exchange exchange) throws IOException {
        long started = System.nanoTime();
        FileDropSettings settings = FileDropSettings.of(exchange.getMessage());
        InputStream content = exchange.getMessage().getBody(InputStream.class);
        if (content != null) {
            String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
            String routeId = exchange.getFromRouteId();
            String sourceId = settings.sourceId();
            // The file waits since it was last written: its age is the lag while it is being published, and after
            // a failure, until a later poll gets it through.
            Long modified = exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
            tracker.waiting(sourceId, modified == null ? Instant.now() : Instant.ofEpochMilli(modified));
            try (SpooledFile file = SpooledFile.spool(content, spoolDirectory)) {
                exchange.setProperty(TARGET_FOLDER, publish(settings, fileName, file, exchange.getContext()));
            } catch (IOException | RuntimeException | Error e) {
                watch.fileLeftInInbox(routeId);
                throw e;
            }
        }
        tracker.polled(settings.sourceId(), Duration.ofNanos(System.nanoTime() - started));
    }

    private String publish(FileDropSettings settings, String fileName, SpooledFile file, CamelContext camel)
            throws IOException {
        String sourceId = settings.sourceId();
        String sha256 = file.sha256();
        FilePosition position = new FilePosition(publisher.resumePoint(sourceId).position(),
                settings.publishedFilesKept());
        if (position.published(sha256)) {
            log.info("source {}: file {} (sha256 {}) was published before under this checksum; not published again",
                    sourceId, fileName, sha256);
            return PROCESSED;
        }
        Charset charset = settings.charsetOf(file);
        SourceRecordMapper mapper = mappers.of(settings.sourceId(), settings.mapper());
        CsvLines lines;
        try {
            lines = CsvLines.open(file, charset, settings.requiredColumns(), mapper.sourceColumns(), maxLineBytes);
        } catch (UnreadableFileException e) {
            rejectFile(settings, fileName, file, position, e.getMessage());
            return FAILED;
        }
        try (lines) {
            publishLines(settings, fileName, file, charset, lines, position, mapper);
        }
        return PROCESSED;
    }

    private void publishLines(FileDropSettings settings, String fileName, SpooledFile file, Charset charset,
                              CsvLines lines, FilePosition start, SourceRecordMapper mapper) throws IOException {
        long started = System.nanoTime();
        String sourceId = settings.sourceId();
        String sha256 = file.sha256();
        long resumeAfter = start.lastLineCommitted(sha256);
        if (resumeAfter > 0) {
            log.info("source {}: file {} (sha256 {}) resumes after line {}", sourceId, fileName, sha256, resumeAfter);
        }
        FilePosition position = start;
        List<CsvLines.Line> batch = new ArrayList<>(settings.batchSize());
        long last = Math.max(resumeAfter, 1);
        long read = 0;
        long rejected = 0;
        CsvLines.Line line;
        while ((line = lines.next()) != null) {
            if (line.number() <= resumeAfter) {
                continue;
            }
            batch.add(line);
            read++;
            last = line.number();
            if (batch.size() >= settings.batchSize()) {
                List<RecordOutcome> outcomes = outcomes(settings, fileName, sha256, batch, mapper);
                rejected += rejectsIn(outcomes);
                // Handed over, not awaited: the next batch is read and mapped while this one commits.
                Map<String, String> next = position.inProgress(fileName, sha256, last);
                publisher.publishInBackground(new SourceBatch(sourceId, outcomes, next), outcomes.size());
                position = new FilePosition(next, settings.publishedFilesKept());
                batch = new ArrayList<>(settings.batchSize());
            }
        }
        List<RecordOutcome> outcomes = outcomes(settings, fileName, sha256, batch, mapper);
        rejected += rejectsIn(outcomes);
        commit(settings, outcomes, position.completed(fileName, sha256, last));
        log.info("source {}: file {} (sha256 {}, {}) published: {} lines read in this pass, {} events, {} rejects;"
                        + " {} bytes spooled in {} ms, published in {} ms", sourceId, fileName, sha256, charset.name(),
                read, read - rejected, rejected, file.size(), file.spooling().toMillis(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * The outcomes of a batch of lines, in the lines' order. Mapping and the schema check are the CPU-heavy part:
     * on all cores, as the JDBC source does it (mappers are stateless, see SourceRecordMapper).
     */
    private List<RecordOutcome> outcomes(FileDropSettings settings, String fileName, String sha256,
                                         List<CsvLines.Line> batch, SourceRecordMapper mapper) {
        return batch.parallelStream().map(line -> outcome(settings, fileName, sha256, line, mapper)).toList();
    }

    private static long rejectsIn(List<RecordOutcome> outcomes) {
        return outcomes.stream().filter(RecordOutcome.Rejected.class::isInstance).count();
    }

    private RecordOutcome outcome(FileDropSettings settings, String fileName, String sha256, CsvLines.Line line,
                                  SourceRecordMapper mapper) {
        return outcome(pipeline, settings, fileName, sha256, line, mapper);
    }

    /** A line's event or reject; static so that a test reads a file's lines exactly as a route does. */
    static RecordOutcome outcome(RecordPipeline pipeline, FileDropSettings settings, String fileName, String sha256,
                                 CsvLines.Line line, SourceRecordMapper mapper) {
        SourceRecord record = new SourceRecord(settings.sourceId(), settings.sourceSystem(),
                positionOf(fileName, sha256, line.number()), line.fields());
        if (line.malformed()) {
            return pipeline.reject(record, RejectReason.MALFORMED_RECORD, "file " + fileName + ": " + line.problem());
        }
        return pipeline.process(record, mapper);
    }

    /**
     * A file that cannot be read at all is one reject — so the operator sees it where every other bad input is —
     * and its checksum joins the published ones in the same transaction, so dropping it again adds nothing.
     */
    private void rejectFile(FileDropSettings settings, String fileName, SpooledFile file, FilePosition position,
                            String why) {
        log.warn("source {}: file {} (sha256 {}) cannot be read ({}); it goes to {}/", settings.sourceId(), fileName,
                file.sha256(), why, FAILED);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", fileName);
        fields.put("size_bytes", file.size());
        fields.put("sha256", file.sha256());
        SourceRecord record = new SourceRecord(settings.sourceId(), settings.sourceSystem(),
                positionOf(fileName, file.sha256(), 0), fields);
        RecordOutcome reject = pipeline.reject(record, RejectReason.MALFORMED_RECORD,
                "file " + fileName + " cannot be read: " + why);
        commit(settings, List.of(reject), position.completed(fileName, file.sha256(), 0));
    }

    private FilePosition commit(FileDropSettings settings, List<RecordOutcome> batch, Map<String, String> next) {
        Checkpoint committed = publisher.publish(new SourceBatch(settings.sourceId(), batch, next), batch.size());
        return new FilePosition(committed.position(), settings.publishedFilesKept());
    }


    /** Where a line stands, readable by an operator: file name, file checksum, line number. */
    static String positionOf(String fileName, String sha256, long line) {
        return fileName + "#sha256=" + sha256 + "#line=" + line;
    }
}
