package dev.tributary.ingestion.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record BatchStatusResponse(UUID batchId, UUID sourceId, String status, Instant receivedAt,
                                  int accepted, int rejected, List<LineError> errors,
                                  List<RejectedLineResponse> rejectedLines) {
}
