package cn.henan.skillshub.sources.sftp;

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

    /** One data line: its fields by column name, or, for a bad line, what is wrong with it. */
    record Line(long number, Map<String, Object> fields, String problem) {
        boolean malformed() {
            return problem != null;
        }
    }

    private final ByteLines reader;
    private final String charsetName;
    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();
    private long lineNumber = 1;

    private CsvLines(ByteLines reader, String charsetName, List<String> header) {
        this.reader = reader;
        this.charsetName = charsetName;
        this.header = header;
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
    }

    /**
     * Opens the file and reads its header.
     *
     * @throws UnreadableFileException when the file is empty, binary, has a line too long to be a record, or its
     *                                 header is not a CSV header naming every required column
     */
    static CsvLines open(SpooledFile file, Charset charset, Set<String> requiredColumns, long maxLineBytes)
            throws IOException, UnreadableFileException {
        if (file.size() == 0) {
            throw new UnreadableFileException("the file is empty");
        }
        if (file.binary()) {
            throw new UnreadableFileException("the file holds NUL bytes: it is binary, not a CSV text file");
        }
        if (file.longestLineBytes() > maxLineBytes) {
            throw new UnreadableFileException("a line is longer than " + maxLineBytes + " bytes: not a CSV file");
        }
        // Bytes invalid in the charset are decoded as U+FFFD; a line holding one is a reject.
        ByteLines reader = new ByteLines(file.openContent(), charset);
        try {
            String headerLine = reader.readLine();
            List<String> header = headerLine == null ? null : parse(headerLine);
            if (header == null || headerLine.indexOf('\uFFFD') >= 0) {
                throw new UnreadableFileException("the header line is not a CSV header in " + charset.name());
            }
            header = header.stream().map(String::strip).toList();
            Set<String> unique = new HashSet<>(header);
            if (unique.size() != header.size() || unique.contains("")) {
                throw new UnreadableFileException("the header has blank or repeated column names");
            }
            List<String> missing = requiredColumns.stream().filter(c -> !unique.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new UnreadableFileException("the header lacks the columns " + missing
                        + " (a truncated file, or not this source's format)");
            }
            return new CsvLines(reader, charset.name(), header);
        } catch (UnreadableFileException | IOException | RuntimeException e) {
            reader.close();
            throw e;
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
        if (text.indexOf('\uFFFD') >= 0) {
            return new Line(number, scrubbed(values), "line " + number + " holds bytes that are not valid " + charsetName);
        }
        if (values.size() != header.size()) {
            return new Line(number, scrubbed(values), "line " + number + " has " + values.size()
                    + " fields where the header has " + header.size());
        }
        return new Line(number, new CsvRow(header, columns, values), null);
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
