package cn.henan.skillshub.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The contract with subscribers, served from the files in {@code kafka/} (on the classpath): each event type's JSON
 * Schema at {@code /schemas/<ce_type>.json} — the absolute {@code ce_dataschema} of every event points here, under
 * the hub's public URL ({@code skillshub.public-url}) — and the AsyncAPI document at {@code /asyncapi.yaml}, as JSON
 * at {@code /asyncapi.json} for the page {@code /asyncapi} that renders it. All public, no network needed: the page
 * is the hub's own static HTML.
 */
@RestController
class SubscriberContract implements WebMvcConfigurer {

    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");
    static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final Map<EventType, byte[]> schemas = new EnumMap<>(EventType.class);
    private final byte[] asyncApiYaml;
    private final byte[] asyncApiJson;

    SubscriberContract(@Value("${skillshub.public-url}") String publicUrl) {
        EventEnvelope.serveSchemasAt(publicUrl);
        for (EventType type : EventType.values()) {
            schemas.put(type, read("kafka/schemas/" + type.ceType() + ".json"));
        }
        asyncApiYaml = read("kafka/asyncapi.yaml");
        try {
            asyncApiJson = new ObjectMapper().writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(asyncApiYaml));
        } catch (IOException e) {
            throw new UncheckedIOException("kafka/asyncapi.yaml is not valid YAML", e);
        }
    }

    @GetMapping("/schemas/{file}")
    ResponseEntity<?> schema(@PathVariable String file) {
        EventType type = file.endsWith(".json") ? typeOf(file.substring(0, file.length() - ".json".length())) : null;
        if (type == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "no event type has the schema " + file + "; the schemas are listed in /asyncapi.yaml");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return ResponseEntity.ok().contentType(SCHEMA_JSON).cacheControl(CACHE).body(schemas.get(type));
    }

    @GetMapping("/asyncapi.yaml")
    ResponseEntity<byte[]> asyncApiYaml() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CACHE).body(asyncApiYaml);
    }

    @GetMapping("/asyncapi.json")
    ResponseEntity<byte[]> asyncApiJson() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CACHE).body(asyncApiJson);
    }

    /** The readable page: static HTML and script of the hub's own, which render {@code /asyncapi.json}. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/asyncapi").setViewName("forward:/asyncapi/index.html");
        registry.addViewController("/asyncapi/").setViewName("forward:/asyncapi/index.html");
    }

    private static EventType typeOf(String ceType) {
        for (EventType type : EventType.values()) {
            if (type.ceType().equals(ceType)) {
                return type;
            }
        }
        return null;
    }

    private static byte[] read(String path) {
        try (InputStream in = SubscriberContract.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath (the build copies kafka/ there)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
