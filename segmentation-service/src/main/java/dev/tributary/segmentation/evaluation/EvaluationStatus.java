package dev.tributary.segmentation.evaluation;

import java.time.Instant;

/** One evaluation as the API shows it; counts are null until it finished. */
public record EvaluationStatus(String id, String segmentId, String trigger, String status, Instant startedAt,
                               Instant finishedAt, Long members, Long entered, Long exited, Long durationMs,
                               String error) {
}
