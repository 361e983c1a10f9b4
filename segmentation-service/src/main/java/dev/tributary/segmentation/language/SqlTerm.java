package dev.tributary.segmentation.language;

import dev.tributary.segmentation.language.AttributeCatalog.Attribute;
import java.util.List;

/**
 * A condition compiled to SQL about one row, with what the passes after compilation need of it: the driver pass
 * ({@link DrivingConjunct}) the sets a top-level term draws or excludes, the explanation pass
 * ({@link ExplanationQueries}) the facts a term tests. The terms of an {@code exists}'s or aggregate's {@code where}
 * are only SQL inside their term: neither pass looks into them.
 */
sealed interface SqlTerm {

    String sql();

    record And(String sql, List<SqlTerm> operands) implements SqlTerm {
    }

    record Or(String sql, List<SqlTerm> operands) implements SqlTerm {
    }

    record Not(String sql, SqlTerm operand) implements SqlTerm {
    }

    /** A comparison, list, null check or window on an attribute of the row's own entity {@code scope}. */
    record Predicate(String sql, Condition condition, ProfileReadEntity scope, Attribute attribute) implements SqlTerm {
    }

    /**
     * @param where   SQL of its {@code where} over the entity {@code f}; null when it has none
     * @param members {@code driver AS key FROM ... [WHERE where]}: whom it names, without the leading {@code SELECT}
     */
    record Exists(String sql, Condition.Exists condition, PathSql.PathJoin path, String where, String members)
            implements SqlTerm {
    }

    /**
     * @param value   the aggregated expression over {@code f}; null for {@code count}
     * @param drivers SQL naming whom it holds for, when an empty set fails it (it can then draw a full evaluation);
     *                null otherwise
     */
    record Aggregate(String sql, Condition.AggregateComparison condition, PathSql.PathJoin path, String where,
                     String value, String drivers) implements SqlTerm {
    }

    /** @param segmentId the parameter holding the segment's id */
    record InSegment(String sql, Condition.InSegment condition, String segmentId) implements SqlTerm {
    }
}
