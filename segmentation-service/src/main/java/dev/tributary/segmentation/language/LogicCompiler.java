package dev.tributary.segmentation.language;

import java.util.List;
import java.util.stream.Collectors;

/** {@code and}, {@code or} and {@code not}: each operand compiled by the dispatcher, parenthesised and joined or negated. */
final class LogicCompiler {

    private final ConditionCompiler dispatcher;

    LogicCompiler(ConditionCompiler dispatcher) {
        this.dispatcher = dispatcher;
    }

    SqlTerm.And and(Condition.And and, ProfileReadEntity scope, String alias) {
        List<SqlTerm> operands = operands(and.operands(), scope, alias);
        return new SqlTerm.And(joined(operands, " AND "), operands);
    }

    SqlTerm.Or or(Condition.Or or, ProfileReadEntity scope, String alias) {
        List<SqlTerm> operands = operands(or.operands(), scope, alias);
        return new SqlTerm.Or(joined(operands, " OR "), operands);
    }

    SqlTerm.Not not(Condition.Not not, ProfileReadEntity scope, String alias) {
        SqlTerm operand = dispatcher.compile(not.operand(), scope, alias);
        return new SqlTerm.Not("NOT (" + operand.sql() + ")", operand);
    }

    private List<SqlTerm> operands(List<Condition> conditions, ProfileReadEntity scope, String alias) {
        return conditions.stream().map(o -> dispatcher.compile(o, scope, alias)).toList();
    }

    private static String joined(List<SqlTerm> operands, String operator) {
        return operands.stream().map(o -> "(" + o.sql() + ")").collect(Collectors.joining(operator));
    }
}
