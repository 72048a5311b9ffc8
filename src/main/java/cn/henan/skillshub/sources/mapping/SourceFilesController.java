package cn.henan.skillshub.sources.mapping;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.runtime.SourceStatus;
import cn.henan.skillshub.runtime.Sources;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A source's route file handed in through the API (OPS), for a cluster where no one copies files onto every
 * instance: {@code PUT /api/v1/sources/{id}} with {@code {"file": "<the YAML>"}} checks it as the dry run does
 * (422 with the line and the reason if it would be refused; nothing is stored or stopped then), stores it in the
 * hub's database and applies it here at once; every other instance applies it at its next look
 * ({@code skillshub.sources.reload-interval}), and the source is led as every other one. {@code DELETE} removes it
 * (its checkpoint stays). A file in {@code routes/} is changed by changing the file.
 */
@RestController
@RequestMapping(path = "/api/v1/sources", produces = MediaType.APPLICATION_JSON_VALUE)
class SourceFilesController {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");

    /** The route file's YAML text. */
    record SourceFile(String file) {
    }

    private final RouteFileReload reload;
    private final SourceFileStore store;
    private final Sources sources;

    SourceFilesController(RouteFileReload reload, SourceFileStore store, Sources sources) {
        this.reload = reload;
        this.store = store;
        this.sources = sources;
    }

    @Operation(summary = "Add or change a source by its route file (OPS); every instance applies it")
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    SourceStatus put(@PathVariable String id, @RequestBody SourceFile body, Authentication caller) {
        if (!ID.matcher(id).matches()) {
            throw ApiProblem.badRequest("id: lower-case letters, digits, '.' and '-', at most 100");
        }
        if (body == null || body.file() == null || body.file().isBlank()) {
            throw ApiProblem.badRequest("file: the route file's YAML text is required");
        }
        String origin = RouteFileReload.API_ORIGIN + id;
        List<RouteFiles.DeclaredRoute> routes = reload.check(origin, body.file());
        if (routes.size() != 1 || !routes.get(0).routeId().equals(id)) {
            throw ApiProblem.unprocessable("file: declares routes "
                    + routes.stream().map(RouteFiles.DeclaredRoute::routeId).toList() + "; a file handed in as"
                    + " source " + id + " declares the one route " + id);
        }
        Optional<String> before = store.get(id);
        store.put(id, body.file(), caller.getName());
        reload.scan();
        Optional<String> refused = reload.refusal(origin);
        if (refused.isPresent()) {
            // Camel refused what the checks let through: the version before is stored (and runs) again.
            before.ifPresentOrElse(text -> store.put(id, text, caller.getName()), () -> store.delete(id));
            reload.scan();
            throw ApiProblem.unprocessable("file: " + refused.get());
        }
        return sources.all().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("source " + id + " stored but not listed"));
    }

    @Operation(summary = "Remove a source handed in through the API (OPS); its checkpoint stays")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!store.delete(id)) {
            throw ApiProblem.notFound("no source '" + id + "' handed in through the API (a file in routes/ is"
                    + " removed by removing the file)");
        }
        reload.scan();
        return ResponseEntity.noContent().build();
    }
}
