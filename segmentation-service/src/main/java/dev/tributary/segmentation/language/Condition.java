package dev.tributary.segmentation.language;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The AST of the segment language. Attributes are plain names resolved against the entity in
 * scope: the audience's entity at top level, the path's final entity inside an aggregate's
 * {@code where}. Positions are kept beside the tree (in {@link SegmentQuery}) so that equal rules
 * are equal records however they were written.
 */
public sealed interface Condition {

    /** Two or more conditions that must all hold; nested {@code And}s only come from parentheses. */
    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("and needs two operands");
            }
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("or needs two operands");
            }
        }
    }

    record Not(Condition operand) implements Condition {
        public Not {
            Objects.requireNonNull(operand);
        }
    }

    /** {@code attribute op value} for every operator except {@code in}. */
    record Comparison(String attribute, ComparisonOperator operator, Literal value) implements Condition {
    }

    /** {@code attribute in (v1, v2, ...)}. */
    record InList(String attribute, List<Literal> values) implements Condition {
        public InList {
            values = List.copyOf(values);
        }
    }

    /** {@code attribute is null} ({@code isNull}) or {@code attribute is not null}. */
    record NullCheck(String attribute, boolean isNull) implements Condition {
    }

    /** A time window on a TIMESTAMP or DATE attribute. */
    record Window(String attribute, TimeWindow window) implements Condition {
    }

    /** {@code count|sum|min|max|avg(...) op number}. */
    record AggregateComparison(Aggregate aggregate, ComparisonOperator operator, BigDecimal value) implements Condition {
    }

    /** {@code exists(path [where condition])}. */
    record Exists(List<String> path, Condition where) implements Condition {
        public Exists {
            path = List.copyOf(path);
        }
    }

    /** {@code inSegment("id")}: the entity is an active member of another segment. */
    record InSegment(String segmentId) implements Condition {
    }

    /**
     * {@code function(path[.attribute] [where condition])}; {@code attribute} is null for count.
     * {@code where} is null when absent.
     */
    record Aggregate(AggregateFunction function, List<String> path, String attribute, Condition where) {
        public Aggregate {
            path = List.copyOf(path);
        }
    }
}
