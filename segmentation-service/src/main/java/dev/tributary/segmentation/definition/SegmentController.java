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

@RestController
@RequestMapping("/v1/segments")
class SegmentController {

    private final SegmentDefinitions segments;

    SegmentController(SegmentDefinitions segments) {
        this.segments = segments;
    }

    @PostMapping
    ResponseEntity<SegmentResponse> create(@Valid @RequestBody SegmentRequest request) {
        SegmentResponse created = SegmentResponse.of(segments.create(request));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}").buildAndExpand(created.id()).toUri()).body(created);
    }

    @GetMapping
    List<SegmentResponse> list() {
        return segments.list().stream().map(SegmentResponse::of).toList();
    }

    @GetMapping("/{id}")
    SegmentResponse get(@PathVariable String id) {
        return SegmentResponse.of(segments.get(id));
    }

    @PutMapping("/{id}")
    SegmentResponse update(@PathVariable String id, @Valid @RequestBody SegmentRequest request) {
        return SegmentResponse.of(segments.update(id, request));
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
