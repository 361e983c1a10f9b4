package dev.tributary.segmentation.language;

import dev.tributary.segmentation.language.AttributeCatalog.Attribute;
import java.util.function.UnaryOperator;

/**
 * A time window on a timestamp or date attribute. A window relative to {@code :now} also records who owns a fact
 * crossing it as time passes ({@link TimeCrossing}, ADR 0011).
 */
final class WindowCompiler {

    private final Compilation compilation;

    WindowCompiler(Compilation compilation) {
        this.compilation = compilation;
    }

    SqlTerm.Predicate compile(Condition.Window condition, ProfileReadEntity scope, String alias) {
        Attribute attribute = compilation.attribute(scope, condition.attribute());
        String column = alias + "." + attribute.column();
        return new SqlTerm.Predicate(window(condition.window(), scope, attribute, column), condition, scope, attribute);
    }

    private String window(TimeWindow window, ProfileReadEntity scope, Attribute attribute, String column) {
        boolean date = attribute.type() == AttributeType.DATE;
        // bounds as functions of the instant they are taken at; calendar arithmetic on UTC wall-clock time, so
        // results do not depend on the session zone
        if (window instanceof TimeWindow.Last last) {
            String interval = "(" + compilation.parameter(last.amount()) + " * interval '" + last.unit().sqlInterval() + "')";
            UnaryOperator<String> lower = date ? at -> "CAST(" + utc(at) + " - " + interval + " AS date)" : at -> at + " - " + interval;
            UnaryOperator<String> upper = date ? at -> "CAST(" + utc(at) + " AS date)" : at -> at;
            return timeRelative(scope, attribute, column, lower, upper, true);
        }
        if (window instanceof TimeWindow.PreviousCalendarMonth) {
            UnaryOperator<String> monthStart = at -> "date_trunc('month', " + utc(at) + ")";
            UnaryOperator<String> lower = date ? at -> "CAST(" + monthStart.apply(at) + " - interval '1 month' AS date)"
                    : at -> "(" + monthStart.apply(at) + " - interval '1 month') AT TIME ZONE 'UTC'";
            UnaryOperator<String> upper = date ? at -> "CAST(" + monthStart.apply(at) + " AS date)"
                    : at -> monthStart.apply(at) + " AT TIME ZONE 'UTC'";
            return timeRelative(scope, attribute, column, lower, upper, false);
        }
        TimeWindow.Between between = (TimeWindow.Between) window;
        if (date) {
            return column + " BETWEEN " + compilation.value(attribute, between.from(), false) + " AND "
                    + compilation.value(attribute, between.to(), false);
        }
        // A date as the upper bound includes that whole day.
        boolean wholeDay = !QueryValidator.isInstantString(between.to());
        return column + " >= " + compilation.value(attribute, between.from(), false) + " AND " + column
                + (wholeDay ? " < " : " <= ") + compilation.value(attribute, between.to(), wholeDay);
    }

    private static String utc(String instant) {
        return "(" + instant + " AT TIME ZONE 'UTC')";
    }

    /**
     * A window whose bounds move with {@code :now}: {@code lower <= column} and {@code column <= upper} (or
     * {@code < upper}). Also records which {@code scope} facts cross it between two instants {@code :from} and
     * {@code :to}: those in at one and out at the other, i.e. past the lower bound's move or the upper bound's.
     */
    private String timeRelative(ProfileReadEntity scope, Attribute attribute, String column, UnaryOperator<String> lower,
                                UnaryOperator<String> upper, boolean upperInclusive) {
        String from = "CAST(:from AS timestamptz)";
        String to = "CAST(:to AS timestamptz)";
        String fact = "f." + attribute.column();
        String crossed = "(" + fact + " >= " + lower.apply(from) + " AND " + fact + " < " + lower.apply(to) + ") OR ("
                + fact + (upperInclusive ? " > " : " >= ") + upper.apply(from) + " AND "
                + fact + (upperInclusive ? " <= " : " < ") + upper.apply(to) + ")";
        String owner = "f." + (scope.announcedAsAccount() ? "account_id" : "person_id");
        compilation.timeCrossings.add(new TimeCrossing(scope.announcedAsAccount(),
                "SELECT DISTINCT " + owner + " AS id FROM " + scope.view() + " f WHERE " + owner + " IS NOT NULL AND (" + crossed + ")"));
        return column + " >= " + lower.apply(Compilation.NOW) + " AND " + column + (upperInclusive ? " <= " : " < ")
                + upper.apply(Compilation.NOW);
    }
}
