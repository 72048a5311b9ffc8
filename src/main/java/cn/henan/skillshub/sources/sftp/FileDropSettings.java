package cn.henan.skillshub.sources.sftp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Message;

/** The parameters of one {@code sftp-file-drop} route, as its template put them on each exchange. */
record FileDropSettings(String sourceId, String sourceSystem, String mapper, String charset, int batchSize,
                        int publishedFilesKept, Set<String> requiredColumns) {

    static final String SOURCE_ID = "skillshubSourceId";
    static final String SOURCE_SYSTEM = "skillshubSourceSystem";
    static final String MAPPER = "skillshubMapper";
    static final String CHARSET = "skillshubCharset";
    static final String BATCH_SIZE = "skillshubBatchSize";
    static final String PUBLISHED_FILES_KEPT = "skillshubPublishedFilesKept";
    static final String REQUIRED_COLUMNS = "skillshubRequiredColumns";
    static final String AUTO = "auto";
    private static final Charset GBK = Charset.forName("GBK");

    static FileDropSettings of(Message message) {
        String required = message.getHeader(REQUIRED_COLUMNS, "", String.class);
        return new FileDropSettings(message.getHeader(SOURCE_ID, String.class),
                message.getHeader(SOURCE_SYSTEM, String.class), message.getHeader(MAPPER, String.class),
                message.getHeader(CHARSET, AUTO, String.class), message.getHeader(BATCH_SIZE, 10000, Integer.class),
                message.getHeader(PUBLISHED_FILES_KEPT, 256, Integer.class),
                Arrays.stream(required.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * The charset to decode a file with: the configured one, or — with {@code auto} — detected from its bytes:
     * a UTF-8 byte-order mark means UTF-8; bytes that are valid UTF-8 are UTF-8 (a GBK text of Chinese
     * characters practically never is); anything else is GBK, what Chinese Windows tools write by default.
     */
    Charset charsetOf(SpooledFile file) {
        if (!AUTO.equals(charset.toLowerCase(Locale.ROOT))) {
            return Charset.forName(charset);
        }
        if (file.utf8Bom() || file.validUtf8()) {
            return StandardCharsets.UTF_8;
        }
        return GBK;
    }
}
