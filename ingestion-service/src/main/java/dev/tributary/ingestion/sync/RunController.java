package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.source.SourceService;
import dev.tributary.support.problem.BadRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
class RunController {

    static final int MAX_LIMIT = 100;

    /** @param fullSync read every stream from the beginning instead of from its cursor */
    record StartRunRequest(Boolean fullSync) {
    }

    private final SourceService sources;
    private final SyncRunner runner;
    private final RunRepository runs;

    RunController(SourceService sources, SyncRunner runner, RunRepository runs) {
        this.sources = sources;
        this.runner = runner;
        this.runs = runs;
    }

    @PostMapping("/v1/sources/{id}/runs")
    ResponseEntity<RunResponse> start(@PathVariable String id, @RequestBody(required = false) StartRunRequest request) {
        UUID source = sources.requireConnectorSource(id);
        RunResponse run = runner.start(source, "manual", request != null && Boolean.TRUE.equals(request.fullSync()));
        return ResponseEntity.accepted().location(ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{runId}").buildAndExpand(run.id()).toUri()).body(run);
    }

    @GetMapping("/v1/sources/{id}/runs")
    Map<String, List<RunResponse>> list(@PathVariable String id, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("Invalid request", "limit must be between 1 and " + MAX_LIMIT,
                    List.of(Map.of("field", "limit", "message", "must be between 1 and " + MAX_LIMIT)));
        }
        return Map.of("items", runs.list(sources.requireSource(id), limit));
    }

    @GetMapping("/v1/sources/{id}/runs/{runId}")
    RunResponse get(@PathVariable String id, @PathVariable String runId) {
        UUID source = sources.requireSource(id);
        UUID run;
        try {
            run = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw new RunNotFoundException(runId);
        }
        return runs.find(source, run).orElseThrow(() -> new RunNotFoundException(runId));
    }
}
