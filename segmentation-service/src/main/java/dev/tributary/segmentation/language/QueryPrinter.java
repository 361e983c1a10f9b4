package dev.tributary.segmentation.language;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a condition in canonical form: lower-case keywords, single spaces, parentheses only where
 * the tree needs them. Parsing the output gives back an equal tree.
 */
final class QueryPrinter {

    private QueryPrinter() {
    }

    static String print(Condition condition) {
        if (condition instanceof Condition.Or or) {
            return join(or.operands(), " or ", false);
        }
        if (condition instanceof Condition.And and) {
            return join(and.operands(), " and ", true);
        }
        if (condition instanceof Condition.Not not) {
            return "not " + operand(not.operand(), true);
        }
        if (condition instanceof Condition.Comparison c) {
            return c.attribute() + " " + c.operator().symbol() + " " + literal(c.value());
        }
        if (condition instanceof Condition.InList in) {
            return in.attribute() + " in ("
                    + in.values().stream().map(QueryPrinter::literal).collect(Collectors.joining(", ")) + ")";
        }
        if (condition instanceof Condition.NullCheck n) {
            return n.attribute() + (n.isNull() ? " is null" : " is not null");
        }
        if (condition instanceof Condition.Window w) {
            return w.attribute() + " " + window(w.window());
        }
        if (condition instanceof Condition.AggregateComparison a) {
            return aggregate(a.aggregate()) + " " + a.operator().symbol() + " " + a.value().toPlainString();
        }
        if (condition instanceof Condition.Exists e) {
            return "exists(" + String.join(".", e.path()) + where(e.where()) + ")";
        }
        Condition.InSegment s = (Condition.InSegment) condition;
        return "inSegment(" + quote(s.segmentId()) + ")";
    }

    private static String join(List<Condition> operands, String separator, boolean insideAnd) {
        return operands.stream().map(o -> operand(o, insideAnd)).collect(Collectors.joining(separator));
    }

    /** Parenthesises what would otherwise bind differently when read back. */
    private static String operand(Condition operand, boolean tight) {
        // A nested and/or of the same kind came from parentheses: keep them so the tree round-trips.
        boolean needsParentheses = operand instanceof Condition.Or || (tight && operand instanceof Condition.And);
        return needsParentheses ? "(" + print(operand) + ")" : print(operand);
    }

    private static String aggregate(Condition.Aggregate a) {
        String target = String.join(".", a.path()) + (a.attribute() == null ? "" : "." + a.attribute());
        return a.function().keyword() + "(" + target + where(a.where()) + ")";
    }

    private static String where(Condition where) {
        return where == null ? "" : " where " + print(where);
    }

    private static String window(TimeWindow window) {
        if (window instanceof TimeWindow.Last last) {
            return "in last " + last.amount() + " " + last.unit().keyword(last.amount());
        }
        if (window instanceof TimeWindow.Between b) {
            return "between " + literal(b.from()) + " and " + literal(b.to());
        }
        return "in previous calendar month";
    }

    static String literal(Literal literal) {
        if (literal instanceof Literal.StringValue s) {
            return quote(s.value());
        }
        if (literal instanceof Literal.NumberValue n) {
            return n.value().toPlainString();
        }
        if (literal instanceof Literal.BooleanValue b) {
            return Boolean.toString(b.value());
        }
        return ((Literal.DateValue) literal).value().toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
