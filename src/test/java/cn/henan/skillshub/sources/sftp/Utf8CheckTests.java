package cn.henan.skillshub.sources.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The spool's UTF-8 check accepts exactly the byte sequences the JDK's strict UTF-8 decoder accepts. */
class Utf8CheckTests {

    @Test
    void acceptsUtf8TextAndRefusesGbkText() {
        String text = "record_type,full_name\nCERTIFICATE,张伟\nRESULT,欧阳娜娜 😀\n";
        assertThat(check(text.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(check(text.getBytes(Charset.forName("GBK")))).isFalse();
    }

    @Test
    void refusesOverlongFormsSurrogatesAndCodePointsAboveTheLast() {
        for (String hex : new String[] {"c0af", "e08080", "f0808080", "eda080", "edbfbf", "f4908080", "f5808080",
                "80", "c2", "e4b8", "ff", "c220"}) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertThat(check(bytes)).as(hex).isFalse().isEqualTo(jdkAccepts(bytes));
        }
        for (String hex : new String[] {"c280", "e0a080", "ed9fbf", "ee8080", "f0908080", "f48fbfbf", "7f"}) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertThat(check(bytes)).as(hex).isTrue().isEqualTo(jdkAccepts(bytes));
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random random = new Random(20250324);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(3) == 0 ? random.nextInt(256)
                        : interesting[random.nextInt(interesting.length)]);
            }
            boolean jdk = jdkAccepts(bytes);
            assertThat(check(bytes)).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
            accepted += jdk ? 1 : 0;
        }
        assertThat(accepted).as("both outcomes are exercised").isBetween(1_000, 199_000);
    }

    /** Fed in pieces of every size, so that sequences are split across reads as the spool's buffers split them. */
    private static boolean check(byte[] bytes) {
        Boolean result = null;
        for (int piece = 1; piece <= Math.max(1, bytes.length); piece++) {
            SpooledFile.Utf8Check check = new SpooledFile.Utf8Check();
            for (int from = 0; from < bytes.length; from += piece) {
                check.feed(java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + piece)),
                        Math.min(piece, bytes.length - from));
            }
            assertThat(result == null || result == check.end()).as("the same whatever the pieces").isTrue();
            result = check.end();
        }
        return result;
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
