package cn.henan.skillshub.sources.sftp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The lines of a spooled CSV file, one at a time: line 1 is the header naming the columns, every following
 * non-blank line one record. Each physical line is parsed on its own (Commons CSV, RFC 4180 quoting), so a bad
 * line — a field too many or too few, an unterminated quote, bytes invalid in the file's charset — is that line's
 * reject and never swallows the lines after it. (The exchange format has no line breaks inside fields.)
 */
final class CsvLines implements Closeable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final Pattern ID_NUMBER_LIKE = Pattern.compile("\\d{15}|\\d{17}[\\dXx]");
    private static final Pattern SHORT_HAN = Pattern.compile("\\p{IsHan}{2,4}");
    private static final char BOM = '\uFEFF';

    /** One data line: its fields by column name, or, for a bad line, what is wrong with it. */
    record Line(long number, Map<String, Object> fields, String problem) {
        boolean malformed() {
            return problem != null;
        }
    }

    private final ByteLines reader;
    private final String charsetName;
    private final List<String> header;
    private final String headerLine;
    private final Map<String, Integer> columns = new HashMap<>();
    private long lineNumber = 1;

    private CsvLines(ByteLines reader, String charsetName, List<String> header, String headerLine) {
        this.reader = reader;
        this.charsetName = charsetName;
        this.header = header;
        this.headerLine = headerLine;
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
    }

    /**
     * Opens the file and reads its header.
     *
     * @param requiredColumns the columns the source's YAML requires
     * @param mappedColumns   the columns its record mapping reads: a file without one of them is refused too, since
     *                        reading its absence as an empty value in every line would be a silent wrong value
     * @throws UnreadableFileException when the file is empty, binary, has a line too long to be a record, is not
     *                                 in the declared charset as far as its bytes tell, or its header is not a CSV
     *                                 header naming every required and mapped column, each once
     */
    static CsvLines open(SpooledFile file, Charset charset, Set<String> requiredColumns, Set<String> mappedColumns,
                         long maxLineBytes) throws IOException, UnreadableFileException {
        if (file.size() == 0) {
            throw new UnreadableFileException("the file is empty");
        }
        if (file.binary()) {
            throw new UnreadableFileException("the file holds NUL bytes: it is binary, not a CSV text file");
        }
        if (file.longestLineBytes() > maxLineBytes) {
            throw new UnreadableFileException("a line is longer than " + maxLineBytes + " bytes: not a CSV file");
        }
        refuseOtherCharset(file, charset);
        // Bytes invalid in the charset are decoded as U+FFFD; a line holding one is a reject.
        ByteLines reader = new ByteLines(file.openContent(), charset);
        try {
            String headerLine = reader.readLine();
            if (headerLine != null && !headerLine.isEmpty() && headerLine.charAt(0) == BOM) {
                headerLine = headerLine.substring(1); // GB18030's own byte-order mark, 84 31 95 33
            }
            List<String> header = headerLine == null ? null : parse(headerLine);
            if (header == null || suspect(headerLine) >= 0) {
                throw new UnreadableFileException("the header line is not a CSV header in " + charset.name()
                        + (UTF_8.equals(charset) && !file.validUtf8() ? " (its bytes are not UTF-8: GB18030?)" : ""));
            }
            header = header.stream().map(String::strip).toList();
            checkNames(header);
            Set<String> unique = new HashSet<>(header);
            List<String> missing = requiredColumns.stream().filter(c -> !unique.contains(c)).sorted().toList();
            if (!missing.isEmpty()) {
                throw new UnreadableFileException("the header lacks the columns " + missing
                        + " (a truncated file, or not this source's format)");
            }
            List<String> unmapped = mappedColumns.stream().filter(c -> !unique.contains(c)).sorted().toList();
            if (!unmapped.isEmpty()) {
                throw new UnreadableFileException("the header lacks the columns " + unmapped
                        + " that the record mapping reads");
            }
            return new CsvLines(reader, charset.name(), header, headerLine);
        } catch (UnreadableFileException | IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * A file whose bytes show it is not in the charset the source declares is refused whole: decoded anyway, a
     * UTF-8 file read as GB18030 gives other Chinese characters (王伟 becomes 鐜嬩紵) with no byte invalid, so no
     * line could tell. A UTF-8 byte-order mark, or bytes that are all valid UTF-8 and not all ASCII (which a
     * GBK or GB18030 text of Chinese names practically never is), mean UTF-8. The other way round — a GB18030
     * file declared UTF-8 — its bytes are invalid UTF-8, and each line holding some is a reject of its own.
     */
    private static void refuseOtherCharset(SpooledFile file, Charset charset) throws UnreadableFileException {
        if (UTF_8.equals(charset) || US_ASCII.equals(charset)) {
            return;
        }
        if (file.utf8Bom()) {
            throw new UnreadableFileException("the file starts with a UTF-8 byte-order mark, but the source declares "
                    + charset.name());
        }
        if (file.validUtf8() && file.nonAscii()) {
            throw new UnreadableFileException("the file's bytes are UTF-8 (valid UTF-8, not all ASCII), but the source"
                    + " declares " + charset.name() + ": read as " + charset.name() + " every Chinese character would"
                    + " be another");
        }
    }

    /** Each column named once, visibly: a name twice, or two names that differ only by an invisible mark, is refused. */
    private static void checkNames(List<String> header) throws UnreadableFileException {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new UnreadableFileException("the header's column " + (i + 1) + " has no name");
            }
            for (int j = 0; j < name.length(); j++) {
                if (Character.getType(name.charAt(j)) == Character.FORMAT) {
                    throw new UnreadableFileException(String.format("the header's column %d ('%s') holds the"
                            + " invisible character U+%04X", i + 1, name.replaceAll("\\p{Cf}", ""), (int) name.charAt(j)));
                }
            }
            Integer before = seen.putIfAbsent(name, i + 1);
            if (before != null) {
                throw new UnreadableFileException("the header names the column '" + name + "' twice (columns "
                        + before + " and " + (i + 1) + "): which one a field is read from would be a guess");
            }
        }
    }

    List<String> header() {
        return header;
    }

    /** The next non-blank data line, or {@code null} at the end of the file. */
    Line next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            lineNumber++;
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        return toLine(lineNumber, text);
    }

    private Line toLine(long number, String text) {
        List<String> values = parse(text);
        if (values == null) {
            return new Line(number, Map.of(), "line " + number + " is not valid CSV (an unterminated quote?)");
        }
        int suspect = suspect(text);
        if (suspect >= 0) {
            return new Line(number, scrubbed(values), "line " + number + " " + suspicion(text.charAt(suspect), suspect));
        }
        if (text.equals(headerLine)) {
            return new Line(number, Map.of(), "line " + number + " repeats the header: two files joined into one?");
        }
        if (values.size() != header.size()) {
            return new Line(number, scrubbed(values), "line " + number + " has " + values.size()
                    + " fields where the header has " + header.size());
        }
        return new Line(number, new CsvRow(header, columns, values), null);
    }

    /**
     * Where a line holds a character no value of a body's file should, or -1: U+FFFD, which decoding puts for bytes
     * invalid in the charset; a byte-order mark, U+FEFF, which only begins a file (two files joined into one); a
     * private-use character, U+E000 to U+F8FF, which is what GBK (and the 2005 table of GB18030) decodes the
     * bytes of a character it has no code for into — 䶮 written in GB18030 and read as GBK is U+E863, with no byte
     * invalid. One pass over the line's characters, for all three: this runs on every line of every file.
     */
    private static int suspect(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uE000' && (c <= '\uF8FF' || c == BOM || c == '\uFFFD')) {
                return i;
            }
        }
        return -1;
    }

    private String suspicion(char c, int at) {
        if (c == '\uFFFD') {
            return "holds bytes that are not valid " + charsetName;
        }
        if (c == BOM) {
            return "holds a byte-order mark (U+FEFF) at character " + (at + 1) + ": two files joined into one?";
        }
        return String.format("holds the private-use character U+%04X at character %d: a character %s has no code"
                + " for (a file in GB18030 read as %s?)", (int) c, at + 1, charsetName, charsetName);
    }

    /**
     * The values of a line whose fields do not line up with the header. Masking by column name cannot be trusted
     * when the values are shifted, so whatever looks like an ID number or a person's name is masked wherever it
     * stands (PIPL: a reject never carries one in clear).
     */
    private Map<String, Object> scrubbed(List<String> values) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).strip();
            if (ID_NUMBER_LIKE.matcher(value).matches()) {
                value = cn.henan.skillshub.person.IdNumber.mask(value);
            } else if (SHORT_HAN.matcher(value).matches()) {
                value = value.charAt(0) + "*".repeat(value.length() - 1);
            }
            fields.put(i < header.size() ? header.get(i) : "column_" + (i + 1), value);
        }
        return fields;
    }

    /**
     * The fields of one line, or {@code null} when it is not one valid CSV record. A line without a quote
     * character is, under RFC 4180, its text split at every comma; only lines with quotes need the parser, which
     * costs about ten times more per line — it matters on a file of millions of lines.
     */
    private static List<String> parse(String text) {
        if (text.indexOf('"') < 0) {
            return List.of(text.split(",", -1));
        }
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                return null;
            }
            List<String> values = new ArrayList<>(records.get(0).size());
            records.get(0).forEach(values::add);
            return values;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
