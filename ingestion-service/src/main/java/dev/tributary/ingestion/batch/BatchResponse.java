package dev.tributary.ingestion.batch;

import java.util.List;
import java.util.UUID;

/**
 * @param rejected       how many lines were rejected
 * @param rejectedListed how many of them {@code errors} describes: the first cdp.ingestion.max-rejected-lines
 */
public record BatchResponse(UUID batchId, int accepted, int rejected, int rejectedListed, List<LineError> errors) {
}
