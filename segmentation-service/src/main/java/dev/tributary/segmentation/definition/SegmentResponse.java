package dev.tributary.segmentation.definition;

import java.time.Instant;

/**
 * A segment as the API shows it. {@code status} is {@code ok}, or {@code failed} while its evaluation keeps
 * failing: then {@code lastError} says why and {@code nextAttemptAt} when it is retried (ADR 0022).
 */
public record SegmentResponse(String id, String name, String audience, String query, String normalisedQuery,
                              String evaluation, String schedule, boolean timeDependent, Instant createdAt,
                              Instant updatedAt, long version, String status, LastError lastError,
                              Instant failingSince, Instant nextAttemptAt) {

    public record LastError(String message, Instant at, int attempts, String trigger) {
    }

    static SegmentResponse of(SegmentDefinition s, SegmentFailure failure) {
        return new SegmentResponse(s.id(), s.name(), s.audienceName(), s.query(), s.normalisedQuery(),
                s.evaluation().wireName(), s.schedule(), timeDependent(s), s.createdAt(), s.updatedAt(),
                s.version(), failure == null ? "ok" : "failed",
                failure == null ? null : new LastError(failure.message(), failure.at(), failure.attempts(), failure.trigger()),
                failure == null ? null : failure.failingSince(), failure == null ? null : failure.nextAttemptAt());
    }

    /** A stored rule that no longer compiles is shown, failing, rather than failing the listing. */
    private static boolean timeDependent(SegmentDefinition s) {
        try {
            return s.compile().timeDependent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
