package cn.henan.skillshub.simulator.sftp;

import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.evaluation.BodySpellings;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Body C's export (工业和信息化部电子第五研究所): the records of an {@link EvaluationBodyCsv} file rewritten in its own
 * layout ({@link BodySpellings#ceec}), encoded in GB18030, and every third name given a character that GBK does not
 * have (䶮, U+4DAE), as real names have. Lines the canonical file has that are no CSV record of its columns are left
 * out: body C's own bad lines are its own.
 */
public final class CeecCsv {

    public static final Charset GB18030 = Charset.forName("GB18030");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    /** The canonical records the file stands for (as the hand-written mapper reads them) and the file's text. */
    public record Translated(List<Map<String, Object>> canonical, String text) {
        public byte[] bytes() {
            return text.getBytes(GB18030);
        }
    }

    private CeecCsv() {
    }

    public static Translated translate(String canonicalCsv, ReferenceData reference) {
        List<Map<String, Object>> canonical = new ArrayList<>();
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(BodySpellings.CEEC_COLUMNS);
            long line = 0;
            for (String text : canonicalCsv.split("\r\n|\n")) {
                if (text.isBlank() || text.startsWith(EvaluationBodyCsv.COLUMNS.get(0) + ",")) {
                    continue;
                }
                List<CSVRecord> parsed;
                try {
                    parsed = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
                } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                    continue;
                }
                if (parsed.size() != 1 || parsed.get(0).size() != EvaluationBodyCsv.COLUMNS.size()) {
                    continue;
                }
                Map<String, Object> record = new LinkedHashMap<>();
                for (int i = 0; i < EvaluationBodyCsv.COLUMNS.size(); i++) {
                    String value = parsed.get(0).get(i);
                    if (!value.isEmpty()) {
                        record.put(EvaluationBodyCsv.COLUMNS.get(i), value);
                    }
                }
                line++;
                if (line % 3 == 0 && record.get("full_name") != null) {
                    record.put("full_name", record.get("full_name").toString().charAt(0) + "䶮");
                }
                canonical.add(record);
                printer.printRecord(BodySpellings.ceec(record, reference, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Translated(canonical, out.toString());
    }
}
