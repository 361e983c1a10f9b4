package dev.tributary.segmentation.language;

import dev.tributary.segmentation.language.AttributeCatalog.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The explanation pass over a compiled rule: one query per predicate, {@code exists}, aggregate and
 * {@code inSegment} outside any {@code where}, in the rule's order, listing the facts behind it for one member
 * ({@link FactQuery}). They share the rule's parameters.
 */
final class ExplanationQueries {

    private static final int EXPLANATION_LIMIT = 100;

    private ExplanationQueries() {
    }

    static List<FactQuery> of(SqlTerm rule) {
        List<FactQuery> into = new ArrayList<>();
        collect(rule, into);
        return into;
    }

    private static void collect(SqlTerm term, List<FactQuery> into) {
        if (term instanceof SqlTerm.And and) {
            and.operands().forEach(o -> collect(o, into));
        } else if (term instanceof SqlTerm.Or or) {
            or.operands().forEach(o -> collect(o, into));
        } else if (term instanceof SqlTerm.Not not) {
            collect(not.operand(), into);
        } else if (term instanceof SqlTerm.Predicate p) {
            into.add(new FactQuery(QueryPrinter.print(p.condition()), attributeSql(p.scope(), p.attribute())));
        } else if (term instanceof SqlTerm.Exists e) {
            into.add(new FactQuery(QueryPrinter.print(e.condition()), factSql(e.path(), e.where(), e.path().target().amountSql)));
        } else if (term instanceof SqlTerm.Aggregate a) {
            String amount = a.value() != null ? a.value() : a.path().target().amountSql;
            into.add(new FactQuery(QueryPrinter.print(a.condition()), factSql(a.path(), a.where(), amount)));
        } else if (term instanceof SqlTerm.InSegment in) {
            into.add(new FactQuery(QueryPrinter.print(in.condition()), InSegmentCompiler.explanation(in.segmentId())));
        }
    }

    /** One row per distinct final entity, with every way it was reached in {@code via}. */
    private static String factSql(PathSql.PathJoin path, String where, String amount) {
        ProfileReadEntity target = path.target();
        String factId = target.keyColumns().size() == 1 ? "f." + target.keyColumns().get(0)
                : "concat_ws(':', " + target.keyColumns().stream().map(c -> "f." + c).collect(Collectors.joining(", ")) + ")";
        // each hop aggregated on its own: a product of the hops' paths would repeat every combination
        String via = path.vias().isEmpty() ? "CAST(NULL AS text)"
                : "concat_ws(' / ', " + path.vias().stream().map(v -> "string_agg(DISTINCT " + v + ", ', ')")
                .collect(Collectors.joining(", ")) + ")";
        return "SELECT '" + target.factType() + "' AS fact_type, " + factId + " AS fact_id, min(" + target.labelSql
                + ") AS label, min(CAST(" + amount + " AS numeric)) AS amount, min(" + target.atSql + ") AS at, "
                + via + " AS via FROM " + path.from() + " WHERE " + path.driver() + " = :entity_id"
                + (where == null ? "" : " AND (" + where + ")")
                + " GROUP BY " + factId + " ORDER BY at DESC NULLS LAST, fact_id LIMIT " + EXPLANATION_LIMIT;
    }

    /** The member's own attribute, as a fact of its own entity. */
    private static String attributeSql(ProfileReadEntity scope, Attribute attribute) {
        String column = "e." + attribute.column();
        String amount = attribute.type() == AttributeType.NUMBER ? "CAST(" + column + " AS numeric)" : "CAST(NULL AS numeric)";
        String at = attribute.type() == AttributeType.TIMESTAMP ? column
                : attribute.type() == AttributeType.DATE ? "CAST(" + column + " AS timestamptz)" : "CAST(NULL AS timestamptz)";
        return "SELECT '" + scope.factType() + "' AS fact_type, e." + scope.keyColumns().get(0) + " AS fact_id, concat('"
                + attribute.name() + " = ', " + column + ") AS label, " + amount + " AS amount, " + at
                + " AS at, CAST(NULL AS text) AS via FROM " + scope.view() + " e WHERE e." + scope.keyColumns().get(0)
                + " = :entity_id";
    }
}
