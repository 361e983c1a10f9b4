package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.language.CompiledSegment;

/** When a full evaluation may plan nested loops ({@code enable_nestloop}); see {@link BatchEvaluationProperties#nestedLoops}. */
public enum NestedLoops {
    ALWAYS,
    NEVER,
    /** For rules without {@code count}, {@code sum}, {@code avg}, {@code min} or {@code max}, whose {@code HAVING} PostgreSQL cannot estimate. */
    WITHOUT_AGGREGATES;

    boolean allowedFor(CompiledSegment rule) {
        return this == ALWAYS || this == WITHOUT_AGGREGATES && !rule.aggregates();
    }
}
