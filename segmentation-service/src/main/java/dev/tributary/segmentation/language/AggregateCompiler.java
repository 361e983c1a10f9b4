package dev.tributary.segmentation.language;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code count|sum|avg|min|max(path...) op n}, as {@code [NOT] EXISTS (SELECT 1 FROM (SELECT driver ... GROUP BY
 * driver HAVING ...) g WHERE g.driver_id = e.id)}: at top level PostgreSQL pulls that up into one hash
 * (anti-)semi-join over a single aggregation of the whole population, instead of running an aggregate sub-query per
 * base row (it never decorrelates scalar sub-queries); under {@code or} it becomes a hashed or index-probing
 * sub-plan. Where a path can reach the same entity twice, count/sum/avg group pairs of base rows (driver, entity)
 * joined by an {@code EXISTS} over the path's links, so each entity counts once (ADR 0008).
 */
final class AggregateCompiler {

    private final ConditionCompiler dispatcher;
    private final Compilation compilation;

    AggregateCompiler(ConditionCompiler dispatcher, Compilation compilation) {
        this.dispatcher = dispatcher;
        this.compilation = compilation;
    }

    SqlTerm.Aggregate compile(Condition.AggregateComparison comparison, ProfileReadEntity scope) {
        Condition.Aggregate aggregate = comparison.aggregate();
        PathSql.PathJoin path = PathSql.join(scope, aggregate.path());
        Set<String> whereColumns = new LinkedHashSet<>();
        String where = dispatcher.where(aggregate.where(), path.target(), whereColumns);
        String valueColumn = aggregate.attribute() == null ? null
                : AttributeCatalog.attribute(path.target(), aggregate.attribute()).orElseThrow().column();
        String value = valueColumn == null ? null : "f." + valueColumn;
        if (valueColumn != null) {
            compilation.read(path.target(), valueColumn);
        }
        compilation.facts.add(new Reads.FactUse(path.target(), where, whereColumns, valueColumn));
        String threshold = compilation.parameter(comparison.value());

        AggregateFunction function = aggregate.function();
        // min and max are indifferent to repeats; count, sum and avg count each entity once.
        boolean distinct = path.mayRepeat() && (function == AggregateFunction.COUNT
                || function == AggregateFunction.SUM || function == AggregateFunction.AVG);
        // Entities with no matching rows are absent from the grouping; count and sum are then 0,
        // min/max/avg null (never true). When 0 satisfies the comparison, select the complement
        // (NOT EXISTS, which plans as an anti-join; NOT IN would not, and mishandles nulls).
        boolean emptyMatches = (function == AggregateFunction.COUNT || function == AggregateFunction.SUM)
                && comparison.operator().test(BigDecimal.ZERO.compareTo(comparison.value()));
        String comparedWith = " " + sqlOperator(comparison.operator()) + " " + threshold;
        PathSql.Partition partition = distinct && (function == AggregateFunction.COUNT || function == AggregateFunction.SUM)
                ? PathSql.partition(scope, aggregate.path(), compilation.restrictToIds) : null;
        String grouped;
        if (partition != null) {
            grouped = partitioned(partition, function, value, where, having("coalesce(sum(a.partial), 0)" + comparedWith, emptyMatches));
        } else {
            String aggregateSql = switch (function) {
                case COUNT -> "count(*)";
                case SUM -> "coalesce(sum(" + value + "), 0)";
                case AVG -> "avg(" + value + ")";
                case MIN -> "min(" + value + ")";
                case MAX -> "max(" + value + ")";
            };
            grouped = grouped(scope, aggregate, path, distinct, where, having(aggregateSql + comparedWith, emptyMatches));
        }
        String key = scope.keyColumns().get(0);
        return new SqlTerm.Aggregate((emptyMatches ? "NOT " : "") + "EXISTS (SELECT 1 FROM " + grouped
                + " WHERE g.driver_id = e." + key + ")", comparison, path, where, value,
                emptyMatches ? null : "SELECT g.driver_id AS " + key + " FROM " + grouped);
    }

    /** The HAVING test of a grouped aggregate; its complement when the empty aggregate satisfies it (see above). */
    private static String having(String test, boolean emptyMatches) {
        return emptyMatches ? "NOT (" + test + ")" : test;
    }

    /** Drivers grouped over (driver, entity) rows, each pair once when the path can repeat an entity. */
    private String grouped(ProfileReadEntity scope, Condition.Aggregate aggregate, PathSql.PathJoin path, boolean distinct,
                           String where, String having) {
        boolean restrictToIds = compilation.restrictToIds;
        String source;
        String driver;
        if (distinct) {
            // Each (driver, entity) pair once by construction: base rows of both, joined by "some chain
            // of links connects them". Unlike SELECT DISTINCT in a derived table, this keeps the
            // driver's column statistics, so PostgreSQL estimates the groups well and hash-joins.
            String key = "r." + scope.keyColumns().get(0);
            List<String> parts = new ArrayList<>(List.of(PathSql.connects(scope, aggregate.path(), key, restrictToIds)));
            if (restrictToIds) {
                parts.add(key + " = ANY(" + Compilation.IDS + ")");
            }
            if (where != null) {
                parts.add("(" + where + ")");
            }
            source = scope.view() + " r, " + path.target().view() + " f WHERE " + String.join(" AND ", parts);
            driver = key;
        } else {
            source = path.from() + filter(path, where);
            driver = path.driver();
        }
        return "(SELECT " + driver + " AS driver_id FROM " + source + " GROUP BY " + driver + " HAVING " + having + ") g";
    }

    /**
     * Count or sum over a partitioned path ({@link PathSql.Partition}): aggregated once per intermediate, then
     * summed per driver over its distinct intermediates, as one would write it by hand. The seed's won total
     * adds up each account's won opportunities once, not once per person of the account. When streaming, only
     * the intermediates of the candidate ids are aggregated.
     */
    private String partitioned(PathSql.Partition partition, AggregateFunction function, String value, String where,
                               String having) {
        String partial = function == AggregateFunction.COUNT ? "count(*)" : "sum(" + value + ")";
        List<String> filters = new ArrayList<>();
        if (where != null) {
            filters.add("(" + where + ")");
        }
        if (compilation.restrictToIds) {
            filters.add("f." + partition.midColumn() + " IN (SELECT p.mid_id FROM p)");
        }
        String perMid = "SELECT f." + partition.midColumn() + " AS mid_id, " + partial + " AS partial FROM "
                + partition.target().view() + " f" + (filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters))
                + " GROUP BY f." + partition.midColumn();
        return "(WITH p AS (" + partition.pairs() + ") SELECT p.driver_id FROM p JOIN (" + perMid + ") a ON a.mid_id = p.mid_id"
                + " GROUP BY p.driver_id HAVING " + having + ") g";
    }

    /** WHERE clause of an aggregate's scan: its where condition and, when streaming, the candidate ids. */
    private String filter(PathSql.PathJoin path, String where) {
        List<String> parts = new ArrayList<>();
        if (compilation.restrictToIds) {
            parts.add(path.driver() + " = ANY(" + Compilation.IDS + ")");
        }
        if (where != null) {
            parts.add("(" + where + ")");
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    private static String sqlOperator(ComparisonOperator operator) {
        return operator == ComparisonOperator.NE ? "<>" : operator.symbol();
    }
}
