package cn.henan.skillshub.simulator.sftp;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drops files into an inbox of the SFTP simulator, as an evaluation body uploading them would: the CSV file first,
 * then — when it is complete — its empty {@code .done} marker. The Java API of the simulator for tests: drop a
 * generated file in any encoding, exact lines, raw bytes (a binary or truncated file), or a file without its
 * marker and the marker later.
 */
public class InboxWriter {

    public static final String DONE_SUFFIX = ".done";

    /** A dropped file and what its lines should give at the hub. */
    public record DroppedFile(Path path, EvaluationBodyCsv.Counts counts) {
        public String name() {
            return path.getFileName().toString();
        }
    }

    private final Path root;

    public InboxWriter(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The inbox folder {@code directory} (relative to the server's root), created if missing. */
    public Path inbox(String directory) {
        Path inbox = root.resolve(directory).normalize();
        if (!inbox.startsWith(root)) {
            throw new IllegalArgumentException("inbox " + directory + " is outside the SFTP root");
        }
        try {
            Files.createDirectories(inbox);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inbox;
    }

    public Path processed(String directory) {
        return inbox(directory).resolve("processed");
    }

    public Path failed(String directory) {
        return inbox(directory).resolve("failed");
    }

    /** Streams {@code records} generated lines (a share of them bad, as the generator says) into a new file. */
    public DroppedFile dropGenerated(String directory, String fileName, CsvEncoding encoding, EvaluationBodyCsv csv,
                                     int records, boolean doneMarker) {
        Path file = inbox(directory).resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(encoding.prefix());
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, encoding.charset()), 64 * 1024);
            EvaluationBodyCsv.Counts counts = csv.write(writer, records);
            writer.flush();
            out.close();
            if (doneMarker) {
                markDone(directory, fileName);
            }
            return new DroppedFile(file, counts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes exactly these lines (header included, each ending with CRLF) in the encoding. */
    public Path dropLines(String directory, String fileName, CsvEncoding encoding, List<String> lines,
                          boolean doneMarker) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line.endsWith("\n") ? line : line + "\r\n"));
        byte[] content = text.toString().getBytes(encoding.charset());
        byte[] prefix = encoding.prefix();
        byte[] bytes = new byte[prefix.length + content.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(content, 0, bytes, prefix.length, content.length);
        return dropBytes(directory, fileName, bytes, doneMarker);
    }

    /** Writes raw bytes: a binary file, a file cut short, anything a broken upload leaves. */
    public Path dropBytes(String directory, String fileName, byte[] bytes, boolean doneMarker) {
        Path file = inbox(directory).resolve(fileName);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        if (doneMarker) {
            markDone(directory, fileName);
        }
        return file;
    }

    /** Appends to a file still being written (a stable-size inbox sees it grow). */
    public void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Declares a file complete: its empty {@code .done} marker. */
    public void markDone(String directory, String fileName) {
        try {
            Files.write(inbox(directory).resolve(fileName + DONE_SUFFIX), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of a folder whose names end with {@code suffix} (the hub prefixes moved files with a time). */
    public static List<Path> filesEndingWith(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
