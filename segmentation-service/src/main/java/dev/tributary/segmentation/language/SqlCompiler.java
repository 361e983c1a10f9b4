package dev.tributary.segmentation.language;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a validated rule to PostgreSQL in passes over its tree: the {@link ConditionCompiler} dispatcher hands
 * each condition to the compiler of its kind, once for the batch form and once for the streaming one (narrowed to
 * {@code :ids}); the {@link DrivingConjunct} pass decides whether a full evaluation is drawn from one conjunct
 * (ADR 0010); the {@link ExplanationQueries} pass writes the query behind each fact; {@link #paths} and
 * {@link #aggregates} read the tree alone. {@code CompiledSqlGoldenTest} holds the SQL they must keep writing.
 */
final class SqlCompiler {

    private SqlCompiler() {
    }

    static CompiledSegment compile(Audience audience, SegmentQuery query) {
        ProfileReadEntity base = audience.entity();
        Compilation batch = new Compilation(false);
        SqlTerm rule = new ConditionCompiler(batch).compile(query.condition(), base, "e");
        // Same tree, same parameter numbering; only the aggregates' inner scans are narrowed to :ids.
        String amongCondition = new ConditionCompiler(new Compilation(true)).compile(query.condition(), base, "e").sql();

        String key = "e." + base.keyColumns().get(0);
        String select = "SELECT " + key + " AS entity_id FROM " + base.view() + " e WHERE ";
        DrivingConjunct driving = new DrivingConjunct(rule, batch.columnsRead.containsKey(base));
        String selectAll = driving.selectAll(key).orElse(select + rule.sql());
        return new CompiledSegment(audience, rule.sql(), batch.parameters, selectAll,
                driving.selectRepeating(key).orElse(selectAll),
                // Parenthesised: the condition may be an OR, and AND binds tighter.
                select + "(" + amongCondition + ") AND " + key + " = ANY(" + Compilation.IDS + ")",
                QueryPrinter.print(query.condition()), ExplanationQueries.of(rule), batch.timeCrossings,
                batch.referencedSegments, paths(query.condition(), List.of(), new LinkedHashSet<>()),
                new Reads(batch.columnsRead, batch.facts), aggregates(query.condition()));
    }

    /** The relation paths {@code condition} follows, each prefixed by {@code prefix} (the path of an enclosing aggregate). */
    static Set<List<String>> paths(Condition condition, List<String> prefix, Set<List<String>> into) {
        if (condition instanceof Condition.And and) {
            and.operands().forEach(o -> paths(o, prefix, into));
        } else if (condition instanceof Condition.Or or) {
            or.operands().forEach(o -> paths(o, prefix, into));
        } else if (condition instanceof Condition.Not not) {
            paths(not.operand(), prefix, into);
        } else if (condition instanceof Condition.Exists ex) {
            followed(prefix, ex.path(), ex.where(), into);
        } else if (condition instanceof Condition.AggregateComparison ac) {
            followed(prefix, ac.aggregate().path(), ac.aggregate().where(), into);
        }
        return into;
    }

    static boolean aggregates(Condition condition) {
        if (condition instanceof Condition.And and) {
            return and.operands().stream().anyMatch(SqlCompiler::aggregates);
        } else if (condition instanceof Condition.Or or) {
            return or.operands().stream().anyMatch(SqlCompiler::aggregates);
        } else if (condition instanceof Condition.Not not) {
            return aggregates(not.operand());
        }
        // an exists's where tests attributes only (QueryValidator)
        return condition instanceof Condition.AggregateComparison;
    }

    private static void followed(List<String> prefix, List<String> path, Condition where, Set<List<String>> into) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(path);
        into.add(List.copyOf(full));
        if (where != null) {
            paths(where, full, into);
        }
    }
}
