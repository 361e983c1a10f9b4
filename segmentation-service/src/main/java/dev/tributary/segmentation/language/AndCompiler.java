package dev.tributary.segmentation.language;

import java.util.List;
import java.util.stream.Collectors;

/** {@code a and b}: each operand compiled by the dispatcher, parenthesised. */
final class AndCompiler {

    private final ConditionCompiler dispatcher;

    AndCompiler(ConditionCompiler dispatcher) {
        this.dispatcher = dispatcher;
    }

    SqlTerm.And compile(Condition.And and, ProfileReadEntity scope, String alias) {
        List<SqlTerm> operands = and.operands().stream().map(o -> dispatcher.compile(o, scope, alias)).toList();
        return new SqlTerm.And(operands.stream().map(o -> "(" + o.sql() + ")").collect(Collectors.joining(" AND ")),
                operands);
    }
}
