package cn.henan.skillshub.ops;

import cn.henan.skillshub.runtime.Backfills;
import cn.henan.skillshub.runtime.ClusterChannel;
import cn.henan.skillshub.runtime.SourceCommand;
import cn.henan.skillshub.runtime.SourceStatus;
import cn.henan.skillshub.runtime.Sources;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sources: their state at a glance; pause, resume (OPS) and backfill (PLATFORM or OPS). In a cluster a command
 * goes to the source's leader through the control topic and is answered 202 with the command, whose
 * {@code GET .../commands/{commandId}} shows when and by which instance it was applied; alone, it is applied at once.
 */
@RestController
@RequestMapping(path = "/api/v1/sources", produces = MediaType.APPLICATION_JSON_VALUE)
class SourcesController {

    private final Sources sources;
    private final Backfills backfill;
    private final ClusterChannel channel;

    SourcesController(Sources sources, Backfills backfill, ClusterChannel channel) {
        this.sources = sources;
        this.backfill = backfill;
        this.channel = channel;
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
    ResponseEntity<Object> pause(@PathVariable String id, Authentication caller) {
        if (channel.clustered()) {
            return accepted(id, channel.submit(id, SourceCommand.PAUSE, Map.of(), caller.getName()));
        }
        return ResponseEntity.ok(sources.pause(id, caller.getName()));
    }

    @Operation(summary = "Resume a paused source (OPS)")
    @PostMapping("/{id}/resume")
    ResponseEntity<Object> resume(@PathVariable String id, Authentication caller) {
        if (channel.clustered()) {
            return accepted(id, channel.submit(id, SourceCommand.RESUME, Map.of(), caller.getName()));
        }
        return ResponseEntity.ok(sources.resume(id, caller.getName()));
    }

    @Operation(summary = "Pull a time window of a source again (PLATFORM or OPS); same records, same ce_ids")
    @PostMapping(path = "/{id}/backfill", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> backfill(@PathVariable String id, @Valid @RequestBody Window window,
                                    Authentication caller) {
        if (channel.clustered()) {
            Backfills.checkWindow(window.from(), window.to());
            return accepted(id, channel.submit(id, SourceCommand.BACKFILL, Map.of("from", window.from().toString(),
                    "to", window.to().toString()), caller.getName()));
        }
        return ResponseEntity.ok(backfill.backfill(id, window.from(), window.to(), caller.getName()));
    }

    @Operation(summary = "A command sent to the source in a cluster: waiting, or applied (when, by which instance)")
    @GetMapping("/{id}/commands/{commandId}")
    SourceCommand command(@PathVariable String id, @PathVariable String commandId) {
        return channel.command(id, commandId);
    }

    private static ResponseEntity<Object> accepted(String id, SourceCommand command) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/sources/" + id + "/commands/"
                + command.id())).body(command);
    }
}
