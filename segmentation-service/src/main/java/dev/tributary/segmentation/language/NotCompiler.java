package dev.tributary.segmentation.language;

/** {@code not a}: the operand compiled by the dispatcher, negated. */
final class NotCompiler {

    private final ConditionCompiler dispatcher;

    NotCompiler(ConditionCompiler dispatcher) {
        this.dispatcher = dispatcher;
    }

    SqlTerm.Not compile(Condition.Not not, ProfileReadEntity scope, String alias) {
        SqlTerm operand = dispatcher.compile(not.operand(), scope, alias);
        return new SqlTerm.Not("NOT (" + operand.sql() + ")", operand);
    }
}
