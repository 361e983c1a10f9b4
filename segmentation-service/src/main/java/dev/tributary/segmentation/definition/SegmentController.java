package dev.tributary.segmentation.definition;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/v1/segments")
class SegmentController {

    private final SegmentDefinitions segments;
    private final SegmentHealth health;

    SegmentController(SegmentDefinitions segments, SegmentHealth health) {
        this.segments = segments;
        this.health = health;
    }

    private SegmentResponse response(SegmentDefinition segment) {
        return SegmentResponse.of(segment, health.failures(List.of(segment.id())).get(segment.id()));
    }

    @PostMapping
    ResponseEntity<SegmentResponse> create(@Valid @RequestBody SegmentRequest request) {
        SegmentResponse created = response(segments.create(request));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}").buildAndExpand(created.id()).toUri()).body(created);
    }

    @GetMapping
    List<SegmentResponse> list() {
        List<SegmentDefinition> all = segments.list();
        Map<String, SegmentFailure> failures = health.failures(all.stream().map(SegmentDefinition::id).toList());
        return all.stream().map(s -> SegmentResponse.of(s, failures.get(s.id()))).toList();
    }

    @GetMapping("/{id}")
    SegmentResponse get(@PathVariable String id) {
        return response(segments.get(id));
    }

    @PutMapping("/{id}")
    SegmentResponse update(@PathVariable String id, @Valid @RequestBody SegmentRequest request) {
        return response(segments.update(id, request));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        segments.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/preview")
    PreviewResponse preview(@Valid @RequestBody PreviewRequest request) {
        return segments.preview(request);
    }
}
