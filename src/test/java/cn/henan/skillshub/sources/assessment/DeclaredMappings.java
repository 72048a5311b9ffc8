package cn.henan.skillshub.sources.assessment;

import cn.henan.skillshub.person.PersonKeys;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.sources.SourceRecords;
import cn.henan.skillshub.sources.mapping.RecordMapping;
import cn.henan.skillshub.sources.mapping.RecordMappingParser;
import cn.henan.skillshub.sources.mapping.RouteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The record mapping a route file declares, compiled as the hub compiles it, for tests of other packages. */
public final class DeclaredMappings {

    private DeclaredMappings() {
    }

    /** The first record mapping of a route file (e.g. {@code routes/evaluation-body-ceec-sftp.yaml}). */
    public static RecordMapping of(String routeFile, ReferenceData reference) throws IOException {
        EvaluationBodyRecordMapper handWritten = new EvaluationBodyRecordMapper(
                new SourceRecords(new PersonKeys("unit-test-secret-0123456789"), reference));
        RecordMappingParser parser = new RecordMappingParser(List.of(new EvaluationBodySchema(handWritten)), reference);
        RouteFiles.Declared declared = RouteFiles.mappings(routeFile, Files.readString(Path.of(routeFile))).get(0);
        return parser.parse(declared.text(), routeFile, declared.firstLine());
    }
}
