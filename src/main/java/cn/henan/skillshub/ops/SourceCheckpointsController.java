package cn.henan.skillshub.ops;

import cn.henan.skillshub.runtime.ClusterChannel;
import cn.henan.skillshub.runtime.SourceCheckpoints;
import cn.henan.skillshub.runtime.SourceCommand;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A paused source's checkpoint (KIP-875 for the hub): read it, set it (OPS) — to a position, to a time to read again
 * from, or just past one poison record — or reset it to the beginning. Refused with 409 while the source runs. In a
 * cluster the change goes to the source's leader through the control topic and is answered 202 with the command.
 */
@RestController
@RequestMapping(path = "/api/v1/sources/{id}/checkpoint", produces = MediaType.APPLICATION_JSON_VALUE)
class SourceCheckpointsController {

    private final SourceCheckpoints checkpoints;
    private final ClusterChannel channel;

    SourceCheckpointsController(SourceCheckpoints checkpoints, ClusterChannel channel) {
        this.checkpoints = checkpoints;
        this.channel = channel;
    }

    /**
     * Exactly one of: {@code position}, as the source's way of pulling writes it (e.g. {@code {"updatedAt": "…",
     * "id": "…"}} for a JDBC feed); {@code rewindTo}, an ISO-8601 instant from which every record is read again;
     * {@code skipPast}, the position of one record (as its rejection shows it) that the source is to go on after.
     */
    record Change(Map<String, String> position, Instant rewindTo, String skipPast) {
    }

    @Operation(summary = "A source's committed checkpoint")
    @GetMapping
    SourceCheckpoints.View read(@PathVariable String id) {
        return checkpoints.read(id);
    }

    @Operation(summary = "Set a paused source's checkpoint (OPS): a position, a time to rewind to, or past one record")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> set(@PathVariable String id, @RequestBody Change change, Authentication caller) {
        return apply(id, checkpoints.arguments(id, change.position(), change.rewindTo(), change.skipPast()), caller);
    }

    @Operation(summary = "Reset a paused source's checkpoint to the beginning (OPS)")
    @DeleteMapping
    ResponseEntity<Object> reset(@PathVariable String id, Authentication caller) {
        return apply(id, SourceCheckpoints.reset(), caller);
    }

    private ResponseEntity<Object> apply(String id, Map<String, String> arguments, Authentication caller) {
        checkpoints.requirePaused(id);
        if (channel.clustered()) {
            SourceCommand command = channel.submit(id, SourceCommand.CHECKPOINT, arguments, caller.getName());
            return ResponseEntity.accepted().location(URI.create("/api/v1/sources/" + id + "/commands/"
                    + command.id())).body(command);
        }
        return ResponseEntity.ok(checkpoints.apply(id, arguments, caller.getName()));
    }
}
