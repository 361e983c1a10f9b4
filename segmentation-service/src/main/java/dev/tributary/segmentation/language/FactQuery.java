package dev.tributary.segmentation.language;

/**
 * Explains one predicate or aggregate of a rule for one member. {@code sql} takes {@code :entity_id},
 * {@code :now} and the segment's parameters and returns the contributing rows as
 * {@code fact_type, fact_id, label, amount, at, via}.
 */
public record FactQuery(String description, String sql) {
}
