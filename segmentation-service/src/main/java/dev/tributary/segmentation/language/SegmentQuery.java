package dev.tributary.segmentation.language;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed rule: its condition tree, plus where each node was written so that type errors found
 * later (against an audience) still point at the right token. Equality is the tree's only.
 */
public final class SegmentQuery {

    /** Where a node's parts were written; any part may be null when unknown. */
    record Spans(Position start, Position operator, Position value, List<Position> segments) {
    }

    record Position(int line, int column) {
        static final Position UNKNOWN = new Position(1, 1);
    }

    private final Condition condition;
    private final Map<Object, Spans> spans;

    SegmentQuery(Condition condition, Map<Object, Spans> spans) {
        this.condition = Objects.requireNonNull(condition);
        this.spans = spans;
    }

    /** A query built in code (tests, generators) rather than parsed; errors point at 1:1. */
    public static SegmentQuery of(Condition condition) {
        return new SegmentQuery(condition, new IdentityHashMap<>());
    }

    public Condition condition() {
        return condition;
    }

    Spans spans(Object node) {
        Spans s = spans.get(node);
        return s != null ? s : new Spans(null, null, null, List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentQuery other && condition.equals(other.condition);
    }

    @Override
    public int hashCode() {
        return condition.hashCode();
    }

    /** The normalised text of the rule. */
    @Override
    public String toString() {
        return QueryPrinter.print(condition);
    }
}
