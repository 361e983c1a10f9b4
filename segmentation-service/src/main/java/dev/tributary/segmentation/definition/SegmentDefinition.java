package dev.tributary.segmentation.definition;

import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.QueryLimits;
import dev.tributary.segmentation.language.SegmentLanguage;

import java.time.Duration;
import java.time.Instant;

/** A stored segment as the other features see it (the entity never leaves this package). */
public record SegmentDefinition(String id, String name, Audience audience, String query, String normalisedQuery,
                                EvaluationMode evaluation, String schedule, Instant createdAt, Instant updatedAt,
                                long version) {

    /**
     * Stored rules were valid when saved; compiling again is cheap and keeps no cache to invalidate. Within the
     * language's ceilings rather than today's API limits, which may since have been lowered.
     */
    public CompiledSegment compile() {
        return SegmentLanguage.compile(audience, query, QueryLimits.STORED);
    }

    public Duration scheduleDuration() {
        return schedule == null ? null : Duration.parse(schedule);
    }

    public String audienceName() {
        return audience.name().toLowerCase();
    }

    static Audience audienceOf(String wireName) {
        return Audience.valueOf(wireName.toUpperCase());
    }
}
