package cn.henan.skillshub.benchmark;

import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.sftp.CsvEncoding;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv;
import cn.henan.skillshub.simulator.sftp.InboxWriter;
import cn.henan.skillshub.simulator.sftp.SftpSimulatorServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The file-drop side: the project's SFTP simulator server (MINA SSHD) in the driver's JVM, standing for an
 * evaluation body's server, and seeded CSV files of {@link EvaluationBodyCsv} dropped into its inbox with their
 * {@code .done} markers — exactly what the hub's {@code sftp-file-drop} route reads in production.
 */
public final class FileDrop implements AutoCloseable {

    static final String INBOX = "bench/inbox";
    static final String USER = "bench";
    static final String PASSWORD = "bench-sftp-password";
    private static final String BODY = "工业和信息化部教育与考试中心";

    private final SftpSimulatorServer server;
    private final InboxWriter inbox;
    private final EvaluationBodyCsv csv;

    public FileDrop(Path workDir, ReferenceData reference, long seed) throws IOException {
        Path root = workDir.resolve("sftp/root");
        deleteRecursively(root);
        server = new SftpSimulatorServer("127.0.0.1", 0, root, workDir.resolve("sftp/state"), USER, PASSWORD,
                List.of("127.0.0.1"));
        server.start();
        inbox = new InboxWriter(server.root());
        inbox.inbox(INBOX);
        // No bad lines: every line is one event, so the count of events says when the last one is published.
        csv = new EvaluationBodyCsv(seed, "BF", BODY, reference.occupations().stream().map(Occupation::code).toList(),
                0.0);
    }

    /** The properties the hub's benchmark route needs to reach this server. */
    public Map<String, String> hubProperties() {
        return Map.of("skillshub.benchmark.sftp-port", Integer.toString(server.port()),
                "skillshub.benchmark.sftp-known-hosts", server.knownHostsFile().toString(),
                "skillshub.benchmark.sftp-user", USER, "skillshub.benchmark.sftp-password", PASSWORD,
                "skillshub.benchmark.sftp-directory", INBOX);
    }

    /** Writes {@code records} lines into files of at most {@code perFile} lines, without their markers yet. */
    public List<String> writeFiles(String prefix, long records, int perFile) {
        List<String> names = new ArrayList<>();
        long left = records;
        for (int i = 1; left > 0; i++) {
            int lines = (int) Math.min(perFile, left);
            String name = String.format("%s-%03d.csv", prefix, i);
            inbox.dropGenerated(INBOX, name, CsvEncoding.UTF8, csv, lines, false);
            names.add(name);
            left -= lines;
        }
        return names;
    }

    /**
     * Writes one file of at least {@code bytes} bytes (the 1 GB case), streaming, without its marker yet.
     *
     * @return the number of lines written
     */
    long writeBigFile(String name, long bytes) throws IOException {
        Path file = inbox.inbox(INBOX).resolve(name);
        long lines = 0;
        long written = 0;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 20)) {
            String header = EvaluationBodyCsv.header() + "\r\n";
            out.write(header);
            written += header.getBytes(StandardCharsets.UTF_8).length;
            while (written < bytes) {
                String line = csv.goodLine();
                out.write(line);
                written += line.getBytes(StandardCharsets.UTF_8).length;
                lines++;
            }
        }
        return lines;
    }

    public void markDone(List<String> names) {
        names.forEach(name -> inbox.markDone(INBOX, name));
    }

    @Override
    public void close() {
        server.stop();
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
