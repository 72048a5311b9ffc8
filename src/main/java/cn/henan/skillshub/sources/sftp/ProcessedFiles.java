package cn.henan.skillshub.sources.sftp;

import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The files an {@code sftp-file-drop} source has published, read again from its {@code processed/} folder for a
 * backfill, with the route's own connection settings, charset and required columns. A line is handed over when
 * its {@code updated_at} falls in the window; a line without a readable {@code updated_at} (a bad line, rejected
 * the first time) when the file's modification time does. Each line gets the position the live route gave it —
 * the file's original name (the {@code yyyyMMdd-HHmmssSSS-} prefix of the move taken off), its checksum, the line
 * number — so its event or reject has the same id as before.
 *
 * <p>A file the live route skipped as a duplicate (same checksum as one published before) lies in
 * {@code processed/} too; of the files with one checksum only the first moved there is read, the one that was
 * published. Files in {@code failed/} were one reject each and are not read again.
 */
@Component
public class ProcessedFiles {

    /** The name the consumer's {@code move} gives a file: the time it was moved, then its own name. */
    private static final Pattern MOVED = Pattern.compile("(\\d{8}-\\d{9})-(.+)");

    /** One line of a published file: its position, its fields, and for a line that is not a record, why. */
    public record Line(String position, Map<String, Object> fields, String problem) {
        public boolean malformed() {
            return problem != null;
        }
    }

    /** Receives the window's lines of one file, a batch at a time, with the position after them. */
    public interface Batches {
        void accept(List<Line> lines, Map<String, String> position);
    }

    public record Summary(int filesRead, int duplicatesSkipped) {
    }

    private final Path spoolDirectory;
    private final long maxLineBytes;

    ProcessedFiles(@Value("${skillshub.sources.sftp.spool-directory:${java.io.tmpdir}/skills-hub-sftp}") Path spoolDirectory,
                   @Value("${skillshub.sources.sftp.max-line-bytes:1048576}") long maxLineBytes) {
        this.spoolDirectory = spoolDirectory;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads every published file of the source's {@code processed/} folder, oldest move first, and hands over the
     * lines of {@code [from, to)}.
     *
     * @param parameters the route's template parameters, resolved
     * @throws IOException when the server cannot be reached or a file cannot be read
     */
    public Summary replay(Map<String, String> parameters, Instant from, Instant to, Batches out) throws IOException {
        FileDropSettings settings = settings(parameters);
        String folder = parameter(parameters, "directory", ".") + "/" + SftpFileDrop.PROCESSED;
        return withSftp(parameters, folder, sftp -> {
            List<ChannelSftp.LsEntry> moved = new ArrayList<>();
            for (Object entry : sftp.ls(folder)) {
                ChannelSftp.LsEntry file = (ChannelSftp.LsEntry) entry;
                if (file.getAttrs().isReg() && MOVED.matcher(file.getFilename()).matches()
                        && file.getFilename().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    moved.add(file);
                }
            }
            moved.sort(Comparator.comparing(ChannelSftp.LsEntry::getFilename));
            Set<String> seen = new HashSet<>();
            int read = 0;
            int duplicates = 0;
            for (ChannelSftp.LsEntry file : moved) {
                Matcher name = MOVED.matcher(file.getFilename());
                name.matches();
                Instant modified = Instant.ofEpochSecond(file.getAttrs().getMTime());
                try (InputStream in = sftp.get(folder + "/" + file.getFilename());
                     SpooledFile spooled = SpooledFile.spool(in, spoolDirectory)) {
                    if (!seen.add(spooled.sha256())) {
                        duplicates++;
                        continue;
                    }
                    read++;
                    replayFile(settings, name.group(2), spooled, modified, from, to, out);
                }
            }
            return new Summary(read, duplicates);
        });
    }

    /**
     * Up to {@code limit} lines the live route would publish next, for a dry run: the inbox's complete files (with
     * {@code done-marker}, those with their marker; with {@code stable-size}, every file, even one still being
     * written) in the route's order (modified, then name), skipping those the checkpoint lists as published and
     * resuming a file it left open after its last committed line. Read only: nothing is moved, renamed, marked or
     * deleted on the server. A file that cannot be read at all is one line at position 0 with the reason.
     */
    public List<Line> inbox(Map<String, String> parameters, Map<String, String> checkpoint, Set<String> mappedColumns,
                            int limit) throws IOException {
        FileDropSettings settings = settings(parameters);
        FilePosition position = new FilePosition(checkpoint,
                Integer.parseInt(parameter(parameters, "publishedFilesKept", "256").strip()));
        boolean doneMarker = FileCompletion.DONE_MARKER.equals(parameter(parameters, "completion",
                FileCompletion.DONE_MARKER).strip());
        String folder = parameter(parameters, "directory", ".");
        return withSftp(parameters, folder, sftp -> {
            List<Line> lines = new ArrayList<>();
            Set<String> names = new HashSet<>();
            List<ChannelSftp.LsEntry> csv = new ArrayList<>();
            for (Object entry : sftp.ls(folder)) {
                ChannelSftp.LsEntry file = (ChannelSftp.LsEntry) entry;
                names.add(file.getFilename());
                if (file.getAttrs().isReg() && file.getFilename().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    csv.add(file);
                }
            }
            csv.sort(Comparator.<ChannelSftp.LsEntry>comparingLong(f -> f.getAttrs().getMTime())
                    .thenComparing(ChannelSftp.LsEntry::getFilename));
            for (ChannelSftp.LsEntry file : csv) {
                if (lines.size() >= limit) {
                    break;
                }
                if (doneMarker && !names.contains(file.getFilename() + ".done")) {
                    continue;
                }
                try (InputStream in = sftp.get(folder + "/" + file.getFilename());
                     SpooledFile spooled = SpooledFile.spool(in, spoolDirectory)) {
                    if (!position.published(spooled.sha256())) {
                        peekFile(settings, file.getFilename(), spooled, position.lastLineCommitted(spooled.sha256()),
                                mappedColumns, limit, lines);
                    }
                }
            }
            return lines;
        });
    }

    private void peekFile(FileDropSettings settings, String fileName, SpooledFile file, long resumeAfter,
                          Set<String> mappedColumns, int limit, List<Line> out) throws IOException {
        CsvLines lines;
        try {
            lines = CsvLines.open(file, settings.charsetOf(file), settings.requiredColumns(), mappedColumns,
                    maxLineBytes);
        } catch (UnreadableFileException e) {
            out.add(new Line(SftpFileDrop.positionOf(fileName, file.sha256(), 0), Map.of("file", fileName),
                    "file " + fileName + " cannot be read: " + e.getMessage()));
            return;
        }
        try (lines) {
            CsvLines.Line line;
            while (out.size() < limit && (line = lines.next()) != null) {
                if (line.number() <= resumeAfter) {
                    continue;
                }
                out.add(new Line(SftpFileDrop.positionOf(fileName, file.sha256(), line.number()), line.fields(),
                        line.malformed() ? "file " + fileName + ": " + line.problem() : null));
            }
        }
    }

    private static FileDropSettings settings(Map<String, String> parameters) {
        int batchSize = Integer.parseInt(parameter(parameters, "batchSize", "1000").strip());
        return new FileDropSettings(parameters.get("sourceId"), parameters.get("sourceSystem"),
                parameters.get("mapper"), parameter(parameters, "charset", FileDropSettings.AUTO), batchSize, 0,
                Arrays.stream(parameter(parameters, "requiredColumns", "").split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    private void replayFile(FileDropSettings settings, String fileName, SpooledFile file, Instant modified,
                            Instant from, Instant to, Batches out) throws IOException {
        Charset charset = settings.charsetOf(file);
        CsvLines lines;
        try {
            lines = CsvLines.open(file, charset, settings.requiredColumns(), Set.of(), maxLineBytes);
        } catch (UnreadableFileException e) {
            return; // never published line by line: the live route sent such a file to failed/
        }
        boolean fileInWindow = !modified.isBefore(from) && modified.isBefore(to);
        try (lines) {
            List<Line> batch = new ArrayList<>();
            CsvLines.Line line;
            long last = 0;
            while ((line = lines.next()) != null) {
                Instant version = line.malformed() ? null : updatedAt(line.fields());
                boolean inWindow = version == null ? fileInWindow : !version.isBefore(from) && version.isBefore(to);
                if (!inWindow) {
                    continue;
                }
                String position = SftpFileDrop.positionOf(fileName, file.sha256(), line.number());
                batch.add(new Line(position, line.fields(),
                        line.malformed() ? "file " + fileName + ": " + line.problem() : null));
                last = line.number();
                if (batch.size() >= settings.batchSize()) {
                    out.accept(batch, position(fileName, file.sha256(), last));
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                out.accept(batch, position(fileName, file.sha256(), last));
            }
        }
    }

    private static Map<String, String> position(String fileName, String sha256, long line) {
        return Map.of(FilePosition.FILE, fileName, FilePosition.SHA256, sha256, FilePosition.LINE, Long.toString(line));
    }

    private static Instant updatedAt(Map<String, Object> fields) {
        try {
            // Read as the mappers read it, so a line is in the window exactly when its event's version is.
            return new SourceRecord("", "", "", fields).fields().requiredInstant("updated_at");
        } catch (RecordRejectedException | RuntimeException e) {
            return null;
        }
    }

    /** What is done over one SFTP channel to the route's server, opened and closed around it. */
    private interface SftpWork<T> {
        T run(ChannelSftp sftp) throws IOException, SftpException;
    }

    private static <T> T withSftp(Map<String, String> parameters, String folder, SftpWork<T> work) throws IOException {
        Session session = null;
        ChannelSftp sftp = null;
        try {
            session = session(parameters);
            sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            return work.run(sftp);
        } catch (JSchException | SftpException e) {
            throw new IOException("SFTP " + parameters.get("host") + ":" + parameters.get("port") + " " + folder
                    + ": " + e.getMessage(), e);
        } finally {
            if (sftp != null) {
                sftp.disconnect();
            }
            if (session != null) {
                session.disconnect();
            }
        }
    }

    /** A session as the route's consumer opens one: its known_hosts only, strict host key checking by default. */
    private static Session session(Map<String, String> p) throws JSchException {
        JSch jsch = new JSch();
        jsch.setKnownHosts(p.get("knownHostsFile"));
        String privateKey = parameter(p, "privateKeyFile", "");
        if (!privateKey.isBlank()) {
            jsch.addIdentity(privateKey);
        }
        Session session = jsch.getSession(p.get("username"), p.get("host"),
                Integer.parseInt(parameter(p, "port", "22").strip()));
        String password = parameter(p, "password", "");
        if (!password.isEmpty()) {
            session.setPassword(password);
            session.setUserInfo(new PasswordOnly(password));
        }
        session.setConfig("StrictHostKeyChecking", parameter(p, "strictHostKeyChecking", "yes"));
        session.connect(10_000);
        return session;
    }

    /**
     * The password for a server that asks for it by keyboard-interactive rather than by password authentication
     * (as Camel's consumer answers it too); never accepts an unknown host key.
     */
    private record PasswordOnly(String password) implements UserInfo, UIKeyboardInteractive {
        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public String getPassword() {
            return password;
        }

        @Override
        public boolean promptPassword(String message) {
            return true;
        }

        @Override
        public boolean promptPassphrase(String message) {
            return false;
        }

        @Override
        public boolean promptYesNo(String message) {
            return false;
        }

        @Override
        public void showMessage(String message) {
        }

        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction,
                                                  String[] prompt, boolean[] echo) {
            return prompt.length == 1 && !echo[0] ? new String[] {password} : null;
        }

        @Override
        public String toString() {
            return "PasswordOnly[****]";
        }
    }

    private static String parameter(Map<String, String> parameters, String name, String fallback) {
        String value = parameters.get(name);
        return value == null ? fallback : value;
    }
}
