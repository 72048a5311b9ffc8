package cn.henan.skillshub.simulator.sftp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** How an evaluation body's tools write a CSV file: UTF-8, UTF-8 with a byte-order mark (Excel), or GBK. */
public enum CsvEncoding {
    UTF8(StandardCharsets.UTF_8, new byte[0]),
    UTF8_BOM(StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
    GBK(Charset.forName("GBK"), new byte[0]);

    private final Charset charset;
    private final byte[] prefix;

    CsvEncoding(Charset charset, byte[] prefix) {
        this.charset = charset;
        this.prefix = prefix;
    }

    public Charset charset() {
        return charset;
    }

    byte[] prefix() {
        return prefix.clone();
    }
}
