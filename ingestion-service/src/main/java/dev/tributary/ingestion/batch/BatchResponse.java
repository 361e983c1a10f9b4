package dev.tributary.ingestion.batch;

import java.util.List;
import java.util.UUID;

public record BatchResponse(UUID batchId, int accepted, int rejected, List<LineError> errors) {
}
