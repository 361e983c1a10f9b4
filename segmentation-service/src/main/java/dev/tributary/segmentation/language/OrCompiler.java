package dev.tributary.segmentation.language;

import java.util.List;
import java.util.stream.Collectors;

/** {@code a or b}: each operand compiled by the dispatcher, parenthesised. */
final class OrCompiler {

    private final ConditionCompiler dispatcher;

    OrCompiler(ConditionCompiler dispatcher) {
        this.dispatcher = dispatcher;
    }

    SqlTerm.Or compile(Condition.Or or, ProfileReadEntity scope, String alias) {
        List<SqlTerm> operands = or.operands().stream().map(o -> dispatcher.compile(o, scope, alias)).toList();
        return new SqlTerm.Or(operands.stream().map(o -> "(" + o.sql() + ")").collect(Collectors.joining(" OR ")),
                operands);
    }
}
