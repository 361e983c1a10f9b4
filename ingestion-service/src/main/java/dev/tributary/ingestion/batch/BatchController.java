package dev.tributary.ingestion.batch;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;

@RestController
class BatchController {

    static final String NDJSON = "application/x-ndjson";

    private final BatchService batches;

    BatchController(BatchService batches) {
        this.batches = batches;
    }

    /** Takes the raw request stream: a batch may be tens of megabytes and must not be buffered as a String. */
    @PostMapping(path = "/v1/sources/{sourceId}/records", consumes = NDJSON)
    ResponseEntity<BatchResponse> ingest(@PathVariable String sourceId, HttpServletRequest request) throws IOException {
        BatchResponse batch = batches.ingest(sourceId, request.getInputStream(), request.getContentLengthLong());
        return ResponseEntity.accepted()
                .location(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/v1/batches/{id}").buildAndExpand(batch.batchId()).toUri())
                .body(batch);
    }

    @GetMapping("/v1/batches/{batchId}")
    BatchStatusResponse status(@PathVariable String batchId) {
        return batches.status(batchId);
    }
}
