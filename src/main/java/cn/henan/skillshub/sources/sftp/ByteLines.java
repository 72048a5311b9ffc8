package cn.henan.skillshub.sources.sftp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The lines of a byte stream, as {@link java.io.BufferedReader#readLine()} gives them — ended by LF, CR or CR LF,
 * the last one with or without an end — each decoded on its own with {@code new String(bytes, charset)}, which
 * replaces bytes invalid in the charset with U+FFFD as the reader did. Splitting bytes is safe for UTF-8 and GBK:
 * neither uses the bytes of CR or LF inside a character. Decoding each line straight into its string skips the
 * reader's char buffers; on big files that was a tenth of the hub's CPU time (JFR, kafka/benchmark.sh).
 */
final class ByteLines implements Closeable {

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final Charset charset;
    private final byte[] buffer;
    private int position;
    private int limit;
    private boolean skipLineFeed;
    /** A line that runs past the end of the buffer is gathered here. */
    private byte[] pending = new byte[1024];
    private int pendingLength;

    ByteLines(InputStream in, Charset charset) {
        this(in, charset, BUFFER);
    }

    /** With a buffer of {@code bufferSize} bytes: tests use small ones to cross buffer ends often. */
    ByteLines(InputStream in, Charset charset, int bufferSize) {
        if (!Arrays.equals("\r\n,".getBytes(charset), new byte[] {'\r', '\n', ','})) {
            throw new IllegalArgumentException("charset " + charset.name() + " does not write line ends and commas as"
                    + " ASCII does (UTF-16?): a CSV file of the exchange is UTF-8 or GBK");
        }
        this.in = in;
        this.charset = charset;
        this.buffer = new byte[bufferSize];
    }

    /** The next line without its end, or {@code null} at the end of the stream. */
    String readLine() throws IOException {
        pendingLength = 0;
        boolean any = false;
        while (true) {
            if (position >= limit && !fill()) {
                return any ? decodePending() : null;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position];
                if (b == '\n' || b == '\r') {
                    String line = pendingLength == 0 ? new String(buffer, start, position - start, charset)
                            : decodePending(start, position);
                    position++;
                    skipLineFeed = b == '\r';
                    return line;
                }
                position++;
            }
            keep(start, limit);
            any = true;
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private void keep(int from, int to) {
        int length = to - from;
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(buffer, from, pending, pendingLength, length);
        pendingLength += length;
    }

    private String decodePending(int from, int to) {
        keep(from, to);
        return decodePending();
    }

    private String decodePending() {
        return new String(pending, 0, pendingLength, charset);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
