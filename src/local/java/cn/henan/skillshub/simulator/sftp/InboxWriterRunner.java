package cn.henan.skillshub.simulator.sftp;

import cn.henan.skillshub.simulator.trainees.Assessor;
import cn.henan.skillshub.simulator.trainees.CompletedTrainee;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drops a generated CSV file into the inbox every few seconds, rotating UTF-8, GBK and UTF-8 with BOM, each
 * followed by its {@code .done} marker. An interval of 0 drops nothing (tests drop their own files). As an
 * {@link Assessor} it is the SFTP body {@code miit-cee}: the trainees the roster sends it are in the next file.
 */
class InboxWriterRunner implements SmartLifecycle, Assessor {

    private static final Logger log = LoggerFactory.getLogger(InboxWriterRunner.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final InboxWriter writer;
    private final EvaluationBodyCsv csv;
    private final String inbox;
    private final int intervalSeconds;
    private final int recordsPerFile;
    private final Duration revocationDelay;
    /** Body C (CeecCsv): its own layout and GB18030, into its own inbox; null: none. */
    private final CeecBody ceec;
    private ScheduledExecutorService ticker;

    record CeecBody(EvaluationBodyCsv csv, String inbox, cn.henan.skillshub.reference.ReferenceData reference) {
    }

    private int files;

    InboxWriterRunner(InboxWriter writer, EvaluationBodyCsv csv, String inbox, int intervalSeconds,
                      int recordsPerFile, Duration revocationDelay, CeecBody ceec) {
        this.ceec = ceec;
        this.revocationDelay = revocationDelay;
        this.writer = writer;
        this.csv = csv;
        this.inbox = inbox;
        this.intervalSeconds = intervalSeconds;
        this.recordsPerFile = recordsPerFile;
    }

    @Override
    public String assessorId() {
        return "miit-cee";
    }

    @Override
    public void assess(CompletedTrainee trainee) {
        csv.assess(trainee, revocationDelay);
    }

    @Override
    public void start() {
        writer.inbox(inbox);
        if (ceec != null) {
            writer.inbox(ceec.inbox());
        }
        if (intervalSeconds <= 0) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sftp-inbox-writer"));
        ticker.scheduleAtFixedRate(this::dropOne, 2, intervalSeconds, TimeUnit.SECONDS);
        log.info("SFTP inbox writer dropping a file of {} records every {} s into {}", recordsPerFile,
                intervalSeconds, writer.inbox(inbox));
    }

    private void dropOne() {
        try {
            CsvEncoding encoding = CsvEncoding.values()[files++ % CsvEncoding.values().length];
            String name = "results-" + LocalDateTime.now().format(STAMP) + "-" + files + ".csv";
            InboxWriter.DroppedFile dropped = writer.dropGenerated(inbox, name, encoding, csv, recordsPerFile, true);
            log.info("SFTP inbox writer dropped {} ({}); totals so far: {} lines", dropped.name(), encoding,
                    dropped.counts().lines());
            if (ceec != null) {
                java.io.StringWriter canonical = new java.io.StringWriter();
                ceec.csv().write(canonical, recordsPerFile);
                CeecCsv.Translated file = CeecCsv.translate(canonical.toString(), ceec.reference());
                String ceecName = "ceec-" + LocalDateTime.now().format(STAMP) + "-" + files + ".csv";
                writer.dropBytes(ceec.inbox(), ceecName, file.bytes(), true);
                log.info("SFTP inbox writer dropped {} (GB18030, body C's layout): {} lines", ceecName,
                        file.canonical().size());
            }
        } catch (RuntimeException | java.io.IOException e) {
            log.warn("SFTP inbox writer: drop failed ({}); trying again next tick", e.toString());
        }
    }

    @Override
    public void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
