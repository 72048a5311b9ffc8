package cn.henan.skillshub.sources.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The spool's lines are exactly the lines a BufferedReader over the same bytes and charset reads. */
class ByteLinesTests {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void endsLinesAtLfCrAndCrLfAndKeepsALastLineWithoutEnd() throws IOException {
        byte[] bytes = "a,b\r\nc\rd\n\n张伟,欧阳\r\n\rlast".getBytes(StandardCharsets.UTF_8);
        assertThat(lines(bytes, StandardCharsets.UTF_8, 4)).containsExactly("a,b", "c", "d", "", "张伟,欧阳", "", "last")
                .isEqualTo(readerLines(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void agreesWithBufferedReaderOnRandomStreamsInUtf8AndGbk() throws IOException {
        Random random = new Random(20250324);
        String[] pieces = {"a", ",", "\n", "\r", "\r\n", "张", "伟", "😀", "x,y,z", "1234567890"};
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            for (Charset charset : new Charset[] {StandardCharsets.UTF_8, GBK}) {
                byte[] bytes = text.toString().getBytes(charset);
                if (random.nextInt(4) == 0 && bytes.length > 0) {
                    bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(128)); // invalid bytes too
                }
                int bufferSize = 1 + random.nextInt(16);
                assertThat(lines(bytes, charset, bufferSize)).as("%s, buffer %d", charset, bufferSize)
                        .isEqualTo(readerLines(bytes, charset));
            }
        }
    }

    @Test
    void refusesACharsetWhoseLineEndsAreNotAsciiBytes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new ByteLines(new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_16LE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-16LE");
    }

    private static List<String> lines(byte[] bytes, Charset charset, int bufferSize) throws IOException {
        List<String> lines = new ArrayList<>();
        try (ByteLines in = new ByteLines(new ByteArrayInputStream(bytes), charset, bufferSize)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<String> readerLines(byte[] bytes, Charset charset) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), charset))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
