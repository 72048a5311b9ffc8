package cn.henan.skillshub.sources.mapping;

import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.runtime.SourceMappers;
import cn.henan.skillshub.runtime.SourceRegistry;
import cn.henan.skillshub.runtime.SourceRoute;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The declared record mappings of the sources. Before Camel loads the route files, every mapping in them is read and
 * checked: one that is refused stops the start with the file, the line and the reason. When Camel adds a source's
 * route, its mapping (the route's {@code recordMapping} parameter) is compiled and declared to
 * {@link SourceMappers}; when it removes the route, the mapping goes with it.
 */
@Component
public class RecordMappings implements SmartInitializingSingleton, SourceRegistry.Listener {

    /** The templates' parameter that holds a source's record mapping. */
    public static final String PARAMETER = "recordMapping";

    private static final Logger log = LoggerFactory.getLogger(RecordMappings.class);

    private final RecordMappingParser parser;
    private final SourceMappers mappers;
    private final SourceRegistry registry;
    private final Environment environment;
    /** The file each source's mapping was read from at start, so a refusal later still names it. */
    private final Map<String, RouteFiles.Declared> files = new ConcurrentHashMap<>();

    public RecordMappings(List<RecordSchema> schemas, ReferenceData reference, SourceMappers mappers,
                          SourceRegistry registry, Environment environment) {
        this.parser = new RecordMappingParser(schemas, reference);
        this.mappers = mappers;
        this.registry = registry;
        this.environment = environment;
    }

    /**
     * Compiles a record mapping's text.
     *
     * @throws MappingRefusedException with the origin, the line and the reason
     */
    public RecordMapping compile(String text, String origin, int firstLine) {
        return parser.parse(text, origin, firstLine);
    }

    /** The mappings of a route file's text, each compiled; the first refused one is thrown. */
    public List<RecordMapping> compileFile(String file, String text) {
        List<RecordMapping> compiled = new ArrayList<>();
        for (RouteFiles.Declared declared : RouteFiles.mappings(file, text)) {
            compiled.add(compile(declared.text(), file, declared.firstLine()));
        }
        return compiled;
    }

    /**
     * A route file about to be loaded while the hub runs: its mappings are what its sources are declared with, so
     * that a refusal later names the file and its line.
     */
    void remember(String file, String text) {
        for (RouteFiles.Declared declared : RouteFiles.mappings(file, text)) {
            files.put(declared.sourceId(), declared);
        }
    }

    /** Checks the mappings of every route file Camel is about to load, and listens for the routes it adds. */
    @Override
    public void afterSingletonsInstantiated() {
        String patterns = environment.getProperty("camel.main.routes-include-pattern", "");
        try {
            for (Resource resource : RouteFiles.files(patterns)) {
                String file = describe(resource);
                for (RouteFiles.Declared declared : RouteFiles.mappings(file, RouteFiles.read(resource))) {
                    compile(declared.text(), file, declared.firstLine());
                    files.put(declared.sourceId(), declared);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("route files " + patterns + " could not be read", e);
        } catch (MappingRefusedException e) {
            throw new IllegalStateException("record mapping refused: " + e.getMessage(), e);
        }
        registry.listen(this);
    }

    @Override
    public void added(SourceRoute source) {
        String text = source.parameter(PARAMETER);
        String mapper = source.parameter("mapper");
        if (text == null || text.isBlank()) {
            if (SourceMappers.DECLARED.equals(mapper)) {
                throw new IllegalStateException("source " + source.sourceId() + ": mapper is " + SourceMappers.DECLARED
                        + " but the route has no recordMapping parameter");
            }
            return;
        }
        RouteFiles.Declared file = files.get(source.sourceId());
        RecordMapping mapping = file != null && file.text().equals(text)
                ? compile(text, file.file(), file.firstLine())
                : compile(text, "route " + source.routeId(), 1);
        mappers.declare(source.sourceId(), mapping);
        log.info("source {}: record mapping declared (schema {}, time zone {})", source.sourceId(),
                mapping.schema().name(), mapping.zone());
    }

    @Override
    public void removed(SourceRoute source) {
        if (source.parameter(PARAMETER) != null) {
            mappers.withdraw(source.sourceId());
        }
    }

    private static String describe(Resource resource) {
        try {
            if (resource.isFile()) {
                java.nio.file.Path path = resource.getFile().toPath().toAbsolutePath().normalize();
                java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
                return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
            }
        } catch (IOException e) {
            // fall through to the description
        }
        return resource.getDescription();
    }
}
