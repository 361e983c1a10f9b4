package dev.tributary.ingestion.source;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.Map;

@RestController
class SourceController {

    private final SourceService sources;

    SourceController(SourceService sources) {
        this.sources = sources;
    }

    @PostMapping("/v1/sources")
    ResponseEntity<SourceResponse> create(@Valid @RequestBody CreateSourceRequest request) {
        SourceResponse created = sources.create(request);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}").buildAndExpand(created.id()).toUri()).body(created);
    }

    @GetMapping("/v1/sources")
    List<SourceResponse> list() {
        return sources.list();
    }

    @GetMapping("/v1/sources/{id}")
    SourceResponse get(@PathVariable String id) {
        return sources.get(id);
    }

    @PutMapping("/v1/sources/{id}")
    SourceResponse update(@PathVariable String id, @RequestBody UpdateSourceRequest request) {
        return sources.update(id, request);
    }

    @PostMapping("/v1/sources/{id}/pause")
    SourceResponse pause(@PathVariable String id) {
        return sources.pause(id, true);
    }

    @PostMapping("/v1/sources/{id}/resume")
    SourceResponse resume(@PathVariable String id) {
        return sources.pause(id, false);
    }

    @PostMapping("/v1/sources/{id}/test")
    Map<String, Object> test(@PathVariable String id) {
        return sources.test(id);
    }

    @GetMapping("/v1/source-types")
    Map<String, Object> types() {
        return Map.of("items", sources.types());
    }
}
