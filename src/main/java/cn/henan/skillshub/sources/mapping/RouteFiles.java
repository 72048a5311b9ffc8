package cn.henan.skillshub.sources.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The record mappings of route files, found with SnakeYAML's node API so that each keeps its line in the file.
 * A mapping is the {@code recordMapping} parameter of a {@code templatedRoute}, written as a literal block
 * ({@code value: |}) so that its lines are the file's lines.
 */
public final class RouteFiles {

    /** The record mapping of one templated route of a file: its source, its text and the file line of its first line. */
    public record Declared(String file, String routeId, String sourceId, String sourceSystem, String text,
                           int firstLine) {
    }

    /**
     * One route a file declares: a {@code templatedRoute} (its template, source id and parameters, each with its
     * line) or a plain {@code route} (template null).
     */
    public record DeclaredRoute(String routeId, String sourceId, String template, int line,
                                Map<String, Parameter> parameters) {
    }

    /** A parameter of a templated route: its value as written and its line. */
    public record Parameter(String value, int line) {
    }

    private RouteFiles() {
    }

    /**
     * The routes a route file's text declares, in order.
     *
     * @throws MappingRefusedException if the text is no YAML, or a route has no id (a file may be reloaded only
     *                                 when each of its routes is known by its id)
     */
    public static List<DeclaredRoute> routes(String file, String text) {
        List<DeclaredRoute> found = new ArrayList<>();
        if (!(compose(file, text) instanceof SequenceNode routes)) {
            return found;
        }
        for (Node item : routes.getValue()) {
            if (child(item, "templatedRoute") instanceof MappingNode templated) {
                String routeId = text(child(templated, "routeId"));
                String template = text(child(templated, "routeTemplateRef"));
                Map<String, Parameter> parameters = new LinkedHashMap<>();
                if (child(templated, "parameters") instanceof SequenceNode list) {
                    for (Node parameter : list.getValue()) {
                        String name = text(child(parameter, "name"));
                        Node value = child(parameter, "value");
                        if (name != null) {
                            parameters.put(name, new Parameter(text(value), value == null ? line(parameter)
                                    : line(value)));
                        }
                    }
                }
                Parameter sourceId = parameters.get("sourceId");
                String id = routeId != null ? routeId : sourceId == null ? null : sourceId.value();
                if (id == null) {
                    throw new MappingRefusedException(file, line(templated), "a templatedRoute needs a routeId");
                }
                if (template == null) {
                    throw new MappingRefusedException(file, line(templated), "templatedRoute " + id
                            + " names no routeTemplateRef");
                }
                found.add(new DeclaredRoute(id, sourceId == null ? id : sourceId.value(), template,
                        line(templated), parameters));
            } else if (child(item, "route") instanceof MappingNode route) {
                String id = text(child(route, "id"));
                if (id == null) {
                    throw new MappingRefusedException(file, line(route), "a route needs an id");
                }
                found.add(new DeclaredRoute(id, id, null, line(route), Map.of()));
            }
        }
        return found;
    }

    private static Node compose(String file, String text) {
        try (Reader reader = new StringReader(text)) {
            return new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new MappingRefusedException(file, e.getProblemMark().getLine() + 1, "not YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every route file Camel loads by these patterns (Camel's {@code routes-include-pattern}, comma-separated). */
    static List<Resource> files(String patterns) throws IOException {
        List<Resource> files = new ArrayList<>();
        if (patterns == null || patterns.isBlank()) {
            return files;
        }
        var resolver = new PathMatchingResourcePatternResolver();
        for (String pattern : patterns.split(",")) {
            String p = pattern.strip();
            if (!p.isEmpty() && (p.endsWith(".yaml") || p.endsWith(".yml"))) {
                for (Resource resource : resolver.getResources(p)) {
                    if (resource.exists()) {
                        files.add(resource);
                    }
                }
            }
        }
        return files;
    }

    static String read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The record mappings of a route file's text; {@code file} names it in a refusal. */
    public static List<Declared> mappings(String file, String text) {
        List<Declared> found = new ArrayList<>();
        Node root = compose(file, text);
        if (!(root instanceof SequenceNode routes)) {
            return found;
        }
        for (Node item : routes.getValue()) {
            MappingNode templated = child(item, "templatedRoute") instanceof MappingNode m ? m : null;
            if (templated == null) {
                continue;
            }
            String routeId = text(child(templated, "routeId"));
            String sourceId = null;
            String sourceSystem = null;
            ScalarNode mapping = null;
            if (child(templated, "parameters") instanceof SequenceNode parameters) {
                for (Node parameter : parameters.getValue()) {
                    String name = text(child(parameter, "name"));
                    Node value = child(parameter, "value");
                    if ("sourceId".equals(name)) {
                        sourceId = text(value);
                    } else if ("sourceSystem".equals(name)) {
                        sourceSystem = text(value);
                    } else if (RecordMappings.PARAMETER.equals(name)) {
                        if (!(value instanceof ScalarNode scalar)) {
                            throw new MappingRefusedException(file, line(parameter), "the value of recordMapping is"
                                    + " a literal block of YAML text (value: |)");
                        }
                        mapping = scalar;
                    }
                }
            }
            if (mapping != null) {
                // A literal block's text begins on the line after its '|'; a one-line value is on its own line.
                int firstLine = mapping.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                        ? line(mapping) + 1 : line(mapping);
                found.add(new Declared(file, routeId, sourceId == null ? routeId : sourceId, sourceSystem,
                        mapping.getValue(), firstLine));
            }
        }
        return found;
    }

    private static Node child(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
