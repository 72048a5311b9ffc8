package cn.henan.skillshub.sources.mapping;

import cn.henan.skillshub.api.ApiProblem;
import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.RecordRejected;
import cn.henan.skillshub.runtime.LiveDryRun;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.runtime.SourceRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/sources/dry-run} (OPS): what a route file's record mapping would make of a few sample records —
 * each record's event (type, id, key, data, flags) or reject (reason, message) — with nothing published and
 * nothing started. A mapping that would be refused at load is answered {@code 422} as problem+json with the file's
 * line and the reason, which names the field ({@link MappingRefusals}). This is how an operator checks a new body before it publishes.
 */
@RestController
@RequestMapping(path = "/api/v1/sources", produces = MediaType.APPLICATION_JSON_VALUE)
class DryRunController {

    static final int MAX_RECORDS = 100;

    /** The route file (its YAML text), and records as the body sends them (a CSV line as column → value). */
    record DryRun(String file, List<Map<String, Object>> records) {
    }

    private final RecordMappings mappings;
    private final RecordPipeline pipeline;
    private final LiveDryRun live;

    DryRunController(RecordMappings mappings, RecordPipeline pipeline, LiveDryRun live) {
        this.mappings = mappings;
        this.pipeline = pipeline;
        this.live = live;
    }

    /**
     * {@code POST /api/v1/sources/{id}/dry-run?limit=N} (OPS): what the next {@code limit} records (1 to 100,
     * default 10) the running source would read from its committed checkpoint would become — read-only: nothing
     * published, the checkpoint not moved ({@link LiveDryRun}).
     */
    @PostMapping(path = "/{id}/dry-run")
    Map<String, Object> liveDryRun(@PathVariable String id, @RequestParam(name = "limit", required = false) String limit)
            throws IOException {
        int n = limit(limit);
        LiveDryRun.Result read = live.read(id, n);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < read.outcomes().size(); i++) {
            Map<String, Object> result = result(i, read.outcomes().get(i));
            result.put("position", read.positions().get(i));
            results.add(result);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sourceId", read.source().sourceId());
        answer.put("template", read.source().template());
        answer.put("checkpoint", read.checkpoint());
        answer.put("limit", n);
        answer.put("published", false);
        answer.put("results", results);
        return answer;
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return 10;
        }
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("limit: must be a whole number from 1 to " + LiveDryRun.MAX_RECORDS);
        }
        if (n < 1 || n > LiveDryRun.MAX_RECORDS) {
            throw ApiProblem.badRequest("limit: must be from 1 to " + LiveDryRun.MAX_RECORDS + ", not " + n);
        }
        return n;
    }

    @PostMapping(path = "/dry-run", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> dryRun(@RequestBody DryRun request) throws IOException {
        if (request == null || request.file() == null || request.file().isBlank()) {
            throw ApiProblem.badRequest("file: the route file's YAML text is required");
        }
        List<Map<String, Object>> records = request.records() == null ? List.of() : request.records();
        if (records.size() > MAX_RECORDS) {
            throw ApiProblem.badRequest("records: at most " + MAX_RECORDS + " sample records");
        }
        List<RouteFiles.Declared> declared = RouteFiles.mappings("file", request.file());
        if (declared.isEmpty()) {
            throw ApiProblem.unprocessable("file: no templatedRoute with a recordMapping parameter");
        }
        RouteFiles.Declared source = declared.get(0);
        RecordMapping mapping = mappings.compile(source.text(), "file", source.firstLine());
        String sourceSystem = source.sourceSystem() == null ? "/sources/" + source.sourceId() : source.sourceSystem();
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SourceRecord record = new SourceRecord(source.sourceId(), sourceSystem, "dry-run#" + i, records.get(i));
            results.add(result(i, pipeline.process(record, mapping)));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sourceId", source.sourceId());
        answer.put("schema", mapping.schema().name());
        answer.put("timeZone", mapping.zone().getId());
        answer.put("published", false);
        answer.put("results", results);
        return answer;
    }

    private static Map<String, Object> result(int index, RecordOutcome outcome) throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("index", index);
        CanonicalEvent event = outcome.event();
        if (outcome instanceof RecordOutcome.Rejected) {
            RecordRejected rejected = (RecordRejected) event.data();
            result.put("outcome", "reject");
            result.put("id", event.id());
            result.put("reason", rejected.reasonCode());
            result.put("message", rejected.message());
            result.put("record", rejected.record());
            return result;
        }
        JsonNode data = EventJson.mapper().readTree(outcome.toRecord().value());
        result.put("outcome", "event");
        result.put("type", event.type().ceType());
        result.put("id", event.id());
        result.put("key", event.key());
        result.put("subject", event.subject());
        result.put("data", data);
        result.put("flags", data.has("complianceFlags") ? data.get("complianceFlags") : List.of());
        return result;
    }
}
