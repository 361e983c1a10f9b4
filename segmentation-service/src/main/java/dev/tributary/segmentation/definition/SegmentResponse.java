package dev.tributary.segmentation.definition;

import java.time.Instant;

public record SegmentResponse(String id, String name, String audience, String query, String normalisedQuery,
                              String evaluation, String schedule, boolean timeDependent, Instant createdAt,
                              Instant updatedAt, long version) {

    static SegmentResponse of(SegmentDefinition s) {
        return new SegmentResponse(s.id(), s.name(), s.audienceName(), s.query(), s.normalisedQuery(),
                s.evaluation().wireName(), s.schedule(), s.compile().timeDependent(), s.createdAt(), s.updatedAt(),
                s.version());
    }
}
