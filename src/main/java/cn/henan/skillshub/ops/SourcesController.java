package cn.henan.skillshub.ops;

import cn.henan.skillshub.runtime.Backfills;
import cn.henan.skillshub.runtime.SourceStatus;
import cn.henan.skillshub.runtime.Sources;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sources: their state at a glance; pause, resume (OPS) and backfill (PLATFORM or OPS). */
@RestController
@RequestMapping(path = "/api/v1/sources", produces = MediaType.APPLICATION_JSON_VALUE)
class SourcesController {

    private final Sources sources;
    private final Backfills backfill;

    SourcesController(Sources sources, Backfills backfill) {
        this.sources = sources;
        this.backfill = backfill;
    }

    /** A time window, {@code from} included, {@code to} excluded, as ISO-8601 instants. */
    record Window(@NotNull Instant from, @NotNull Instant to) {
    }

    @Operation(summary = "Every source: state, last successful poll, checkpoint, lag, counts, circuit breaker")
    @GetMapping
    List<SourceStatus> all() {
        return sources.all();
    }

    @Operation(summary = "One source")
    @GetMapping("/{id}")
    SourceStatus one(@PathVariable String id) {
        return sources.status(id);
    }

    @Operation(summary = "Pause a source (OPS): its route is suspended until resumed or the hub restarts")
    @PostMapping("/{id}/pause")
    SourceStatus pause(@PathVariable String id, Authentication caller) {
        return sources.pause(id, caller.getName());
    }

    @Operation(summary = "Resume a paused source (OPS)")
    @PostMapping("/{id}/resume")
    SourceStatus resume(@PathVariable String id, Authentication caller) {
        return sources.resume(id, caller.getName());
    }

    @Operation(summary = "Pull a time window of a source again (PLATFORM or OPS); same records, same ce_ids")
    @PostMapping(path = "/{id}/backfill", consumes = MediaType.APPLICATION_JSON_VALUE)
    Backfills.Result backfill(@PathVariable String id, @Valid @RequestBody Window window, Authentication caller) {
        return backfill.backfill(id, window.from(), window.to(), caller.getName());
    }
}
