package cn.henan.skillshub.sources.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a dropped file without a server: spooling, charset detection, lines, the file position. */
class SftpFileReadingTests {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String HEADER = "record_type,record_id,full_name,evaluation_body\r\n";

    @TempDir
    Path spool;

    @Test
    void charsetIsDetected_bomThenValidUtf8ThenGbk() throws Exception {
        String text = HEADER + "RESULT,R1,王伟,工业和信息化部教育与考试中心\r\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(detected(concat(bom, text.getBytes(StandardCharsets.UTF_8)))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(detected(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(detected(text.getBytes(GBK))).isEqualTo(GBK);
        assertThat(detected(HEADER.getBytes(StandardCharsets.US_ASCII))).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void aUtf8SequenceSplitAcrossTheSpoolBuffersIsStillValid() throws Exception {
        // 64 KiB buffers: put a 3-byte character across the boundary.
        StringBuilder text = new StringBuilder(HEADER);
        while (text.length() < 65_535) {
            text.append('a');
        }
        text.append("中文\r\n");
        try (SpooledFile file = spool(text.toString().getBytes(StandardCharsets.UTF_8))) {
            assertThat(file.validUtf8()).isTrue();
            assertThat(file.longestLineBytes()).isGreaterThan(65_000);
        }
    }

    @Test
    void aGbkFileIsDecodedAndItsLinesKeyedByTheHeader() throws Exception {
        String text = HEADER + "RESULT,R1,王伟,工业和信息化部教育与考试中心\r\n\r\nRESULT,R2,\"李娜\",评价中心\r\n";
        try (SpooledFile file = spool(text.getBytes(GBK));
             CsvLines lines = CsvLines.open(file, GBK, Set.of("record_type"), Set.of(), 1024)) {
            CsvLines.Line first = lines.next();
            assertThat(first.number()).isEqualTo(2);
            assertThat(first.fields()).containsEntry("full_name", "王伟")
                    .containsEntry("evaluation_body", "工业和信息化部教育与考试中心");
            CsvLines.Line second = lines.next();
            assertThat(second.number()).as("the blank line 3 is no record").isEqualTo(4);
            assertThat(second.fields()).containsEntry("full_name", "李娜");
            assertThat(lines.next()).isNull();
        }
    }

    @Test
    void aBadLineIsReportedWithItsNumberAndTheNextLineIsRead() throws Exception {
        String text = HEADER + "RESULT,\"R1,王伟,中心\r\nRESULT,R2,王伟\r\nRESULT,R3,张伟,中心\r\n";
        try (SpooledFile file = spool(text.getBytes(StandardCharsets.UTF_8));
             CsvLines lines = CsvLines.open(file, StandardCharsets.UTF_8, Set.of(), Set.of(), 1024)) {
            assertThat(lines.next().problem()).contains("line 2", "not valid CSV");
            CsvLines.Line short_ = lines.next();
            assertThat(short_.problem()).contains("line 3", "3 fields", "header has 4");
            assertThat(short_.fields()).containsEntry("full_name", "王*");
            assertThat(lines.next().fields()).containsEntry("record_id", "R3");
        }
    }

    @Test
    void bytesInvalidInTheCharsetMakeThatLineBad() throws Exception {
        byte[] text = concat(HEADER.getBytes(StandardCharsets.UTF_8),
                concat("RESULT,R1,".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, '\r', '\n'}));
        try (SpooledFile file = spool(text);
             CsvLines lines = CsvLines.open(file, StandardCharsets.UTF_8, Set.of(), Set.of(), 1024)) {
            assertThat(lines.next().problem()).contains("not valid UTF-8");
        }
    }

    @Test
    void aFileIsUnreadableWhenEmptyBinaryCutInItsHeaderOrWithAnEndlessLine() throws Exception {
        assertUnreadable(new byte[0], "empty");
        assertUnreadable(new byte[] {'P', 'K', 3, 4, 0, 0}, "binary");
        assertUnreadable("record_type,record_i".getBytes(StandardCharsets.UTF_8), "lacks the columns [record_id]");
        assertUnreadable(("record_type,record_id\r\n" + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8),
                "longer than 1024 bytes");
    }

    @Test
    void thePositionResumesAnOpenFileAndKeepsTheLastPublishedChecksums() {
        FilePosition position = new FilePosition(Map.of(), 2);
        Map<String, String> afterBatch = position.inProgress("a.csv", "A", 41);
        FilePosition open = new FilePosition(afterBatch, 2);
        assertThat(open.lastLineCommitted("A")).isEqualTo(41);
        assertThat(open.published("A")).isFalse();
        // Another file finished in between does not lose the open one's line.
        FilePosition other = new FilePosition(open.completed("b.csv", "B", 10), 2);
        assertThat(other.lastLineCommitted("A")).isEqualTo(41);
        assertThat(other.published("B")).isTrue();
        FilePosition done = new FilePosition(other.completed("a.csv", "A", 101), 2);
        assertThat(done.lastLineCommitted("A")).isZero();
        assertThat(done.published("A")).isTrue();
        FilePosition third = new FilePosition(done.completed("c.csv", "C", 5), 2);
        assertThat(third.published("B")).as("only the last 2 checksums are kept").isFalse();
        assertThat(third.published("A")).isTrue();
        assertThat(third.published("C")).isTrue();
    }

    @Test
    void completionIsADoneMarkerOrAStableSize() {
        FileCompletion completion = new FileCompletion();
        assertThat(completion.apply("done-marker")).contains("doneFileName=${file:name}.done");
        assertThat(completion.apply("stable-size")).contains("readLock=changed");
        assertThatThrownBy(() -> completion.apply("whenever")).hasMessageContaining("done-marker or stable-size");
    }

    private void assertUnreadable(byte[] bytes, String why) throws IOException {
        try (SpooledFile file = spool(bytes)) {
            assertThatThrownBy(() -> CsvLines.open(file, StandardCharsets.UTF_8, Set.of("record_type", "record_id"), Set.of(),
                    1024)).isInstanceOf(UnreadableFileException.class).hasMessageContaining(why);
        }
    }

    private Charset detected(byte[] bytes) throws IOException {
        try (SpooledFile file = spool(bytes)) {
            FileDropSettings settings = new FileDropSettings("s", "/s", "m", "auto", 10, 10, Set.of());
            return settings.charsetOf(file);
        }
    }

    private SpooledFile spool(byte[] bytes) throws IOException {
        return SpooledFile.spool(new ByteArrayInputStream(bytes), spool);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
