package cn.henan.skillshub.sources.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A remote file copied to a local temporary file in one streaming pass, and what that pass learned of its bytes:
 * the SHA-256 checksum, a UTF-8 byte-order mark, whether the bytes are valid UTF-8, whether any is not ASCII, NUL
 * bytes (a binary file) and the longest line. Memory stays at a few buffers whatever the file's size: a 1 GB file is never held.
 */
final class SpooledFile implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path path;
    private final long size;
    private final String sha256;
    private final Duration spooling;
    private final boolean utf8Bom;
    private final boolean validUtf8;
    private final boolean binary;
    private final boolean nonAscii;
    private final long longestLineBytes;

    private SpooledFile(Path path, long size, String sha256, boolean utf8Bom, boolean validUtf8, boolean binary,
                        boolean nonAscii, long longestLineBytes, Duration spooling) {
        this.path = path;
        this.spooling = spooling;
        this.size = size;
        this.sha256 = sha256;
        this.utf8Bom = utf8Bom;
        this.validUtf8 = validUtf8;
        this.binary = binary;
        this.nonAscii = nonAscii;
        this.longestLineBytes = longestLineBytes;
    }

    /** Copies {@code in} to a new temporary file in {@code directory}; the caller closes the result to delete it. */
    static SpooledFile spool(InputStream in, Path directory) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(directory);
        Path path = Files.createTempFile(directory, "sftp-", ".csv");
        try (OutputStream out = Files.newOutputStream(path)) {
            MessageDigest digest = sha256Digest();
            Utf8Check utf8 = new Utf8Check();
            byte[] buffer = new byte[BUFFER];
            byte[] head = new byte[3];
            long size = 0;
            long line = 0;
            long longest = 0;
            boolean nul = false;
            boolean high = false;
            int read;
            while ((read = in.read(buffer)) != -1) {
                for (int i = 0; i < read && size + i < 3; i++) {
                    head[(int) (size + i)] = buffer[i];
                }
                int lineStart = 0;
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        longest = Math.max(longest, line + i - lineStart);
                        line = 0;
                        lineStart = i + 1;
                    } else if (b == 0) {
                        nul = true;
                    } else if (b < 0) {
                        high = true;
                    }
                }
                line += read - lineStart;
                size += read;
                utf8.feed(buffer, read);
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
            longest = Math.max(longest, line);
            boolean bom = size >= 3 && head[0] == UTF8_BOM[0] && head[1] == UTF8_BOM[1] && head[2] == UTF8_BOM[2];
            return new SpooledFile(path, size, HexFormat.of().formatHex(digest.digest()), bom, utf8.end(), nul,
                    high, longest, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** The file's bytes after the byte-order mark, if any. */
    InputStream openContent() throws IOException {
        InputStream in = Files.newInputStream(path);
        if (utf8Bom) {
            in.skipNBytes(UTF8_BOM.length);
        }
        return in;
    }

    long size() {
        return size;
    }

    String sha256() {
        return sha256;
    }

    boolean utf8Bom() {
        return utf8Bom;
    }

    boolean validUtf8() {
        return validUtf8;
    }

    /** NUL bytes never occur in a text file, in GBK or in UTF-8: this is an archive, an image, a database… */
    boolean binary() {
        return binary;
    }

    /** Whether any byte is above 0x7F: a file of ASCII bytes alone reads the same in UTF-8, GBK and GB18030. */
    boolean nonAscii() {
        return nonAscii;
    }

    long longestLineBytes() {
        return longestLineBytes;
    }

    /** How long copying it from the server took: the part of a file's time no batch is published in. */
    Duration spooling() {
        return spooling;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    /**
     * Whether a stream of bytes, seen one at a time, is well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms,
     * no surrogates, nothing above U+10FFFF) — what the JDK's strict UTF-8 decoder accepts. A sequence may span two
     * reads. Checked while the bytes are copied, instead of decoding them all once more only to learn this: that
     * second decoding was a twentieth of the hub's CPU time on big files (JFR, kafka/benchmark.sh).
     */
    static final class Utf8Check {
        private int pending;       // continuation bytes still expected in the current sequence
        private int low = 0x80;    // bounds of the next continuation byte (narrower after E0, ED, F0, F4)
        private int high = 0xBF;
        private boolean valid = true;

        void feed(byte[] bytes, int length) {
            // The state in locals while the loop runs: this runs once for every byte of every file.
            int expected = pending;
            int min = low;
            int max = high;
            for (int i = 0; i < length && valid; i++) {
                int c = bytes[i] & 0xFF;
                if (expected == 0) {
                    if (c < 0x80) {
                        continue;
                    }
                    if (c >= 0xC2 && c <= 0xDF) {
                        expected = 1;
                    } else if (c >= 0xE0 && c <= 0xEF) {
                        expected = 2;
                        min = c == 0xE0 ? 0xA0 : 0x80;
                        max = c == 0xED ? 0x9F : 0xBF;
                    } else if (c >= 0xF0 && c <= 0xF4) {
                        expected = 3;
                        min = c == 0xF0 ? 0x90 : 0x80;
                        max = c == 0xF4 ? 0x8F : 0xBF;
                    } else {
                        valid = false;
                    }
                } else if (c < min || c > max) {
                    valid = false;
                } else {
                    min = 0x80;
                    max = 0xBF;
                    expected--;
                }
            }
            pending = expected;
            low = min;
            high = max;
        }

        /** True when every byte seen was well-formed UTF-8 and the last sequence is complete. */
        boolean end() {
            return valid && pending == 0;
        }
    }
}
