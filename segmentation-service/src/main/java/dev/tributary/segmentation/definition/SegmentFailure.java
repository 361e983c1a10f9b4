package dev.tributary.segmentation.definition;

import java.time.Instant;

/**
 * Why a segment is not being kept up to date: its evaluation failed {@code attempts} times in a row, last at
 * {@code at}, with {@code message}; the next full evaluation is due at {@code nextAttemptAt} (ADR 0022).
 *
 * @param trigger what failed last: streaming, recheck, dependency or a full evaluation's trigger
 */
public record SegmentFailure(String trigger, String message, Instant at, int attempts, Instant failingSince,
                             Instant nextAttemptAt) {
}
