package dev.tributary.ingestion.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * @param rejectedListed how many rejected lines {@code rejectedLines} holds: the first cdp.ingestion.max-rejected-lines
 * @param status {@code completed}: every accepted record is published to Kafka (acknowledged by the broker), not yet
 *               necessarily applied; {@code failed}: nothing was accepted
 * @param applied how many accepted records profile-service has applied (visible in the profile API); null when the
 *                broker cannot tell right now (ADR 0020)
 */
public record BatchStatusResponse(UUID batchId, UUID sourceId, String status, Instant receivedAt,
                                  int accepted, int rejected, int rejectedListed, List<LineError> errors,
                                  List<RejectedLineResponse> rejectedLines, Integer applied) {
}
