package cn.henan.skillshub.sources.sftp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint position of an SFTP file drop, committed with each batch of a file's events:
 * <ul>
 *   <li>{@code file}, {@code sha256}, {@code line}, {@code state}: the file last worked on, its checksum, its last
 *       line committed, and whether it is {@code open} (begun) or {@code done} — for an operator reading it;</li>
 *   <li>{@code open.<sha256>}: the last line committed of each file begun but not finished. A file taken again
 *       after a crash resumes after that line, even if other files were taken in between;</li>
 *   <li>{@code published}: the checksums of the last {@code capacity} files published to their end, oldest first.
 *       A file whose checksum is here is not published again, whatever its name.</li>
 * </ul>
 * Both sets change in the same Kafka transaction as the events they account for, so neither can run ahead.
 */
final class FilePosition {

    static final String FILE = "file";
    static final String SHA256 = "sha256";
    static final String LINE = "line";
    static final String STATE = "state";
    static final String PUBLISHED = "published";
    static final String OPEN = "open.";

    private final Map<String, String> position;
    private final int capacity;

    FilePosition(Map<String, String> position, int capacity) {
        this.position = Map.copyOf(position);
        this.capacity = capacity;
    }

    boolean published(String sha256) {
        return publishedList().contains(sha256);
    }

    /** The last line of this file already committed, or 0 when none is. */
    long lastLineCommitted(String sha256) {
        String line = position.get(OPEN + sha256);
        return line == null ? 0 : Long.parseLong(line);
    }

    /** The position after {@code line} of a file not yet finished. */
    Map<String, String> inProgress(String file, String sha256, long line) {
        Map<String, String> next = base(file, sha256, line, "open");
        next.put(OPEN + sha256, Long.toString(line));
        return next;
    }

    /** The position after the last line of a file: its checksum joins the published ones. */
    Map<String, String> completed(String file, String sha256, long line) {
        Map<String, String> next = base(file, sha256, line, "done");
        next.remove(OPEN + sha256);
        List<String> published = publishedList();
        published.remove(sha256);
        published.add(sha256);
        while (published.size() > capacity) {
            published.remove(0);
        }
        next.put(PUBLISHED, String.join(",", published));
        return next;
    }

    private Map<String, String> base(String file, String sha256, long line, String state) {
        Map<String, String> next = new HashMap<>(position);
        next.put(FILE, file);
        next.put(SHA256, sha256);
        next.put(LINE, Long.toString(line));
        next.put(STATE, state);
        return next;
    }

    private List<String> publishedList() {
        String published = position.get(PUBLISHED);
        return published == null || published.isEmpty() ? new ArrayList<>()
                : new ArrayList<>(Arrays.asList(published.split(",")));
    }
}
