package dev.tributary.segmentation.language;

import java.util.Set;

/**
 * The dispatcher of {@link SqlCompiler}: compiles a condition about the row {@code alias} of the entity
 * {@code scope} by handing it to the compiler of its kind. {@code and}, {@code or} and {@code not} hand their
 * operands back here, as {@code exists} and aggregates do their {@code where} (about the entity {@code f}).
 */
final class ConditionCompiler {

    private final Compilation compilation;
    private final LogicCompiler logic = new LogicCompiler(this);
    private final ComparisonCompiler comparison;
    private final WindowCompiler window;
    private final ExistsCompiler exists;
    private final AggregateCompiler aggregate;
    private final InSegmentCompiler inSegment;

    ConditionCompiler(Compilation compilation) {
        this.compilation = compilation;
        this.comparison = new ComparisonCompiler(compilation);
        this.window = new WindowCompiler(compilation);
        this.exists = new ExistsCompiler(this, compilation);
        this.aggregate = new AggregateCompiler(this, compilation);
        this.inSegment = new InSegmentCompiler(compilation);
    }

    SqlTerm compile(Condition condition, ProfileReadEntity scope, String alias) {
        if (condition instanceof Condition.And c) {
            return logic.and(c, scope, alias);
        }
        if (condition instanceof Condition.Or c) {
            return logic.or(c, scope, alias);
        }
        if (condition instanceof Condition.Not c) {
            return logic.not(c, scope, alias);
        }
        if (condition instanceof Condition.AggregateComparison c) {
            return aggregate.compile(c, scope);
        }
        if (condition instanceof Condition.Exists c) {
            return exists.compile(c, scope);
        }
        if (condition instanceof Condition.InSegment c) {
            return inSegment.compile(c, scope, alias);
        }
        if (condition instanceof Condition.Window c) {
            return window.compile(c, scope, alias);
        }
        return comparison.compile(condition, scope, alias);
    }

    /** SQL for the {@code where} of an exists or aggregate over {@code target}, listing its columns into {@code into}. */
    String where(Condition where, ProfileReadEntity target, Set<String> into) {
        if (where == null) {
            return null;
        }
        compilation.beginWhere(target, into);
        try {
            return compile(where, target, "f").sql();
        } finally {
            compilation.endWhere();
        }
    }
}
