package cn.henan.skillshub.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.springframework.stereotype.Component;

/**
 * The {@link SourceRecordMapper} of each source. A source names a mapper bean in its YAML ({@code mapper}), or —
 * with {@code mapper: recordMapping}, the default of the REST and SFTP templates — uses the record mapping declared
 * in its own YAML file, compiled and {@linkplain #declare declared} here when its route is added (issue 16). Every
 * way of pulling, the backfills and the replays ask here, so a source's records are mapped alike wherever they are
 * read.
 */
@Component
public class SourceMappers {

    /** The mapper name of a source whose mapping is declared in its YAML file. */
    public static final String DECLARED = "recordMapping";

    private final CamelContext camel;
    private final Map<String, SourceRecordMapper> declared = new ConcurrentHashMap<>();

    public SourceMappers(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * The mapper of a source: its declared mapping when {@code mapperName} is {@value #DECLARED}, else the bean of
     * that name (a Spring bean, or one bound to Camel's registry alone, as a test may bind one).
     *
     * @throws IllegalStateException when there is none
     */
    public SourceRecordMapper of(String sourceId, String mapperName) {
        if (mapperName == null || mapperName.isBlank() || DECLARED.equals(mapperName)) {
            SourceRecordMapper mapper = declared.get(sourceId);
            if (mapper == null) {
                throw new IllegalStateException("source " + sourceId + ": no record mapping declared in its YAML");
            }
            return mapper;
        }
        SourceRecordMapper mapper = camel.getRegistry().lookupByNameAndType(mapperName, SourceRecordMapper.class);
        if (mapper == null) {
            throw new IllegalStateException("source " + sourceId + ": no SourceRecordMapper bean named " + mapperName);
        }
        return mapper;
    }

    /** The mapping declared in a source's YAML, replacing any before it. */
    public void declare(String sourceId, SourceRecordMapper mapper) {
        declared.put(sourceId, mapper);
    }

    /** Forgets a source's declared mapping (its route was removed). */
    public void withdraw(String sourceId) {
        declared.remove(sourceId);
    }
}
