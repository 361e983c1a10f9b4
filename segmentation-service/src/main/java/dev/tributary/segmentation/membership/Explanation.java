package dev.tributary.segmentation.membership;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Why a member is a member: per predicate or aggregate of the rule, the rows that made it true. */
public record Explanation(String segmentId, String entityId, String query, Instant memberSince, List<Part> parts) {

    public record Part(String description, List<Fact> facts) {
    }

    public record Fact(String type, String id, String label, BigDecimal amount, Instant at, String via) {
    }
}
