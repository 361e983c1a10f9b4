package dev.tributary.segmentation.membership;

import java.time.Instant;

public record HistoryEntry(String entityId, String change, Instant at, String evaluationId) {
}
