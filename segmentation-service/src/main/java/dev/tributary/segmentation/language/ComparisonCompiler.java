package dev.tributary.segmentation.language;

import dev.tributary.segmentation.language.AttributeCatalog.Attribute;
import java.util.stream.Collectors;

/** {@code attribute op value}, {@code attribute in (...)} and {@code attribute is [not] null} on the row's own entity. */
final class ComparisonCompiler {

    private final Compilation compilation;

    ComparisonCompiler(Compilation compilation) {
        this.compilation = compilation;
    }

    SqlTerm.Predicate compile(Condition condition, ProfileReadEntity scope, String alias) {
        Attribute attribute = compilation.attribute(scope, attributeOf(condition));
        String column = alias + "." + attribute.column();
        return new SqlTerm.Predicate(sql(condition, attribute, column), condition, scope, attribute);
    }

    private static String attributeOf(Condition condition) {
        if (condition instanceof Condition.Comparison c) {
            return c.attribute();
        }
        if (condition instanceof Condition.InList in) {
            return in.attribute();
        }
        return ((Condition.NullCheck) condition).attribute();
    }

    private String sql(Condition condition, Attribute attribute, String column) {
        if (condition instanceof Condition.Comparison c) {
            String value = compilation.value(attribute, c.value(), false);
            return switch (c.operator()) {
                case EQ -> column + " = " + value;
                case NE -> column + " <> " + value;
                case LT -> column + " < " + value;
                case LE -> column + " <= " + value;
                case GT -> column + " > " + value;
                case GE -> column + " >= " + value;
                // strpos/starts_with rather than LIKE: the value is data, its % and _ mean nothing.
                case CONTAINS -> "strpos(" + column + ", " + value + ") > 0";
                case STARTS_WITH -> "starts_with(" + column + ", " + value + ")";
            };
        }
        if (condition instanceof Condition.InList in) {
            return column + " IN (" + in.values().stream().map(v -> compilation.value(attribute, v, false))
                    .collect(Collectors.joining(", ")) + ")";
        }
        return column + (((Condition.NullCheck) condition).isNull() ? " IS NULL" : " IS NOT NULL");
    }
}
