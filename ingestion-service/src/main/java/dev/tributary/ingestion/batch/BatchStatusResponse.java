package dev.tributary.ingestion.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * @param rejectedListed how many rejected lines {@code rejectedLines} holds: the first cdp.ingestion.max-rejected-lines
 */
public record BatchStatusResponse(UUID batchId, UUID sourceId, String status, Instant receivedAt,
                                  int accepted, int rejected, int rejectedListed, List<LineError> errors,
                                  List<RejectedLineResponse> rejectedLines) {
}
