package dev.tributary.segmentation.language;

import dev.tributary.segmentation.language.Condition.Aggregate;
import dev.tributary.segmentation.language.SegmentQuery.Position;
import dev.tributary.segmentation.language.SegmentQuery.Spans;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recursive-descent parser; one method per rule of the EBNF in docs/segment-language.md. Stops at
 * the first syntax error: what follows a syntax error is rarely worth reporting.
 */
final class Parser {

    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "is", "null", "true", "false",
            "between", "where", "contains", "startswith", "exists", "insegment");

    private final List<Token> tokens;
    private final Map<Object, Spans> spans = new IdentityHashMap<>();
    private final int maxDepth;
    private int index;
    private int depth;

    private Parser(List<Token> tokens, int maxDepth) {
        this.tokens = tokens;
        this.maxDepth = maxDepth;
    }

    static SegmentQuery parse(String text) {
        return parse(text, QueryLimits.DEFAULT.maxDepth());
    }

    /** @param maxDepth nesting levels allowed ({@link QueryLimits}); checked before each descent, never by overflowing */
    static SegmentQuery parse(String text, int maxDepth) {
        Parser parser = new Parser(Lexer.tokenize(text), maxDepth);
        if (parser.peek().kind() == Token.Kind.END) {
            throw parser.error(parser.peek(), "empty rule: expected a condition");
        }
        Condition condition = parser.or();
        if (parser.peek().kind() != Token.Kind.END) {
            throw parser.error(parser.peek(), "unexpected " + parser.peek().describe() + " after a complete condition");
        }
        return new SegmentQuery(condition, parser.spans);
    }

    // or := and ("or" and)*
    private Condition or() {
        Token start = peek();
        List<Condition> operands = new ArrayList<>(List.of(and()));
        while (peek().isKeyword("or")) {
            index++;
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : record(new Condition.Or(operands), start);
    }

    // and := unary ("and" unary)*
    private Condition and() {
        Token start = peek();
        List<Condition> operands = new ArrayList<>(List.of(unary()));
        while (peek().isKeyword("and")) {
            index++;
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : record(new Condition.And(operands), start);
    }

    // unary := "not" unary | primary
    private Condition unary() {
        Token start = peek();
        if (start.isKeyword("not")) {
            index++;
            enter(start);
            Condition operand = unary();
            depth--;
            return record(new Condition.Not(operand), start);
        }
        return primary();
    }

    private Condition primary() {
        Token token = peek();
        if (token.isSymbol("(")) {
            index++;
            enter(token);
            Condition inner = or();
            expectSymbol(")");
            depth--;
            return inner;
        }
        if (token.kind() == Token.Kind.IDENTIFIER && peekAt(1).isSymbol("(")) {
            String word = token.text().toLowerCase(Locale.ROOT);
            if (word.equals("exists")) {
                return exists();
            }
            if (word.equals("insegment")) {
                return inSegment();
            }
            for (AggregateFunction function : AggregateFunction.values()) {
                if (word.equals(function.keyword())) {
                    return aggregateComparison(function);
                }
            }
            throw error(token, "unknown function '" + token.text()
                    + "': expected count, sum, min, max, avg, exists or inSegment");
        }
        return predicate();
    }

    // exists := "exists" "(" path ["where" or] ")"
    private Condition exists() {
        Token start = next();
        enter(start);
        expectSymbol("(");
        List<Token> path = path();
        Condition where = optionalWhere();
        expectSymbol(")");
        depth--;
        return record(new Condition.Exists(texts(path), where), new Spans(start.position(), null, null, positions(path)));
    }

    // aggregate := function "(" path ["where" or] ")" comparisonOperator number
    private Condition aggregateComparison(AggregateFunction function) {
        Token start = next();
        enter(start);
        expectSymbol("(");
        List<Token> path = path();
        Condition where = optionalWhere();
        expectSymbol(")");
        depth--;
        Token operatorToken = peek();
        ComparisonOperator operator = comparisonOperator()
                .filter(op -> !op.isTextual())
                .orElseThrow(() -> error(operatorToken, "expected a comparison (= != < <= > >=) after "
                        + function.keyword() + "(...) but found " + operatorToken.describe()));
        Token number = next();
        if (number.kind() != Token.Kind.NUMBER) {
            throw error(number, function.keyword() + "(...) compares with a number, found " + number.describe());
        }
        List<String> names = texts(path);
        String attribute = null;
        if (function.needsAttribute()) {
            if (names.size() < 2) {
                throw error(path.get(0), function.keyword() + " needs an attribute: "
                        + function.keyword() + "(path.attribute), e.g. sum(opportunities.amount)");
            }
            attribute = names.get(names.size() - 1);
            names = names.subList(0, names.size() - 1);
        }
        Aggregate aggregate = new Aggregate(function, names, attribute, where);
        return record(new Condition.AggregateComparison(aggregate, operator, (BigDecimal) number.value()),
                new Spans(start.position(), operatorToken.position(), number.position(), positions(path)));
    }

    /** One level deeper at {@code opening}; refused before descending, so deep input cannot overflow the stack. */
    private void enter(Token opening) {
        if (++depth > maxDepth) {
            throw error(opening, "nesting deeper than " + maxDepth
                    + " levels (parentheses, not, exists and aggregates); simplify the rule");
        }
    }

    private Condition optionalWhere() {
        if (peek().isKeyword("where")) {
            index++;
            return or();
        }
        return null;
    }

    // path := identifier ("." identifier)*
    private List<Token> path() {
        List<Token> segments = new ArrayList<>(List.of(identifier("a path such as opportunities")));
        while (peek().isSymbol(".")) {
            index++;
            segments.add(identifier("a path or attribute name after '.'"));
        }
        return segments;
    }

    // inSegment := "inSegment" "(" string ")"
    private Condition inSegment() {
        Token start = next();
        expectSymbol("(");
        Token id = next();
        if (id.kind() != Token.Kind.STRING || ((String) id.value()).isBlank()) {
            throw error(id, "inSegment expects a segment id in double quotes, found " + id.describe());
        }
        expectSymbol(")");
        return record(new Condition.InSegment((String) id.value()), new Spans(start.position(), null, id.position(), List.of()));
    }

    // predicate := identifier ( comparisonOperator literal | "in" "(" literal ("," literal)* ")" | "in" window
    //              | "is" ["not"] "null" | "between" literal "and" literal )
    private Condition predicate() {
        Token attribute = identifier("a condition (attribute, aggregate, exists, inSegment, not or '(')");
        Token operator = peek();
        Optional<ComparisonOperator> comparison = comparisonOperator();
        if (comparison.isPresent()) {
            Token valueToken = peek();
            Literal value = literal();
            return record(new Condition.Comparison(attribute.text(), comparison.get(), value),
                    new Spans(attribute.position(), operator.position(), valueToken.position(), List.of()));
        }
        if (operator.isKeyword("is")) {
            index++;
            boolean isNull = true;
            if (peek().isKeyword("not")) {
                index++;
                isNull = false;
            }
            expectKeyword("null");
            return record(new Condition.NullCheck(attribute.text(), isNull), attribute);
        }
        if (operator.isKeyword("between")) {
            index++;
            Token fromToken = peek();
            Literal from = literal();
            expectKeyword("and");
            Token toToken = peek();
            Literal to = literal();
            return record(new Condition.Window(attribute.text(), new TimeWindow.Between(from, to)),
                    new Spans(attribute.position(), operator.position(), fromToken.position(),
                            List.of(fromToken.position(), toToken.position())));
        }
        if (operator.isKeyword("in")) {
            index++;
            if (peek().isKeyword("last")) {
                return lastWindow(attribute, operator);
            }
            if (peek().isKeyword("previous")) {
                index++;
                expectKeyword("calendar");
                expectKeyword("month");
                return record(new Condition.Window(attribute.text(), new TimeWindow.PreviousCalendarMonth()),
                        new Spans(attribute.position(), operator.position(), null, List.of()));
            }
            expectSymbol("(");
            List<Literal> values = new ArrayList<>();
            List<Position> valuePositions = new ArrayList<>();
            do {
                valuePositions.add(peek().position());
                values.add(literal());
            } while (acceptSymbol(","));
            expectSymbol(")");
            return record(new Condition.InList(attribute.text(), values),
                    new Spans(attribute.position(), operator.position(), valuePositions.get(0), valuePositions));
        }
        throw error(operator, "expected an operator (= != < <= > >= contains startsWith in is between) after '"
                + attribute.text() + "' but found " + operator.describe());
    }

    // window := "last" integer unit
    private Condition lastWindow(Token attribute, Token operator) {
        index++;
        Token amountToken = next();
        if (amountToken.kind() != Token.Kind.NUMBER || ((BigDecimal) amountToken.value()).scale() > 0) {
            throw error(amountToken, "expected a whole number after 'in last' but found " + amountToken.describe());
        }
        Token unitToken = next();
        WindowUnit unit = WindowUnit.fromKeyword(unitToken.text()).filter(u -> unitToken.kind() == Token.Kind.IDENTIFIER)
                .orElseThrow(() -> error(unitToken, "expected minutes, hours, days, weeks or months but found "
                        + unitToken.describe()));
        BigDecimal amount = (BigDecimal) amountToken.value();
        if (amount.signum() <= 0) {
            throw error(amountToken, "a time window must be at least 1 " + unit.keyword(1));
        }
        if (amount.compareTo(BigDecimal.valueOf(unit.maximum())) > 0) {
            throw error(amountToken, "a time window may be at most about 10 years ("
                    + unit.maximum() + " " + unit.keyword(2) + ")");
        }
        return record(new Condition.Window(attribute.text(), new TimeWindow.Last(amount.intValueExact(), unit)),
                new Spans(attribute.position(), operator.position(), amountToken.position(), List.of()));
    }

    private Literal literal() {
        Token token = next();
        return switch (token.kind()) {
            case STRING -> new Literal.StringValue((String) token.value());
            case NUMBER -> new Literal.NumberValue((BigDecimal) token.value());
            case DATE -> new Literal.DateValue((java.time.LocalDate) token.value());
            case IDENTIFIER -> {
                if (token.isKeyword("true") || token.isKeyword("false")) {
                    yield new Literal.BooleanValue(token.isKeyword("true"));
                }
                if (token.isKeyword("null")) {
                    throw error(token, "compare with null using 'is null' or 'is not null'");
                }
                throw error(token, "expected a value (\"text\", number, true, false or yyyy-mm-dd) but found "
                        + token.describe() + "; text values need double quotes");
            }
            default -> throw error(token, "expected a value (\"text\", number, true, false or yyyy-mm-dd) but found "
                    + token.describe());
        };
    }

    private Optional<ComparisonOperator> comparisonOperator() {
        Token token = peek();
        for (ComparisonOperator op : ComparisonOperator.values()) {
            boolean matches = op.isTextual() ? token.isKeyword(op.symbol().toLowerCase(Locale.ROOT)) : token.isSymbol(op.symbol());
            if (matches) {
                index++;
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    private Token identifier(String expected) {
        Token token = next();
        if (token.kind() != Token.Kind.IDENTIFIER || RESERVED.contains(token.text().toLowerCase(Locale.ROOT))) {
            throw error(token, "expected " + expected + " but found " + token.describe());
        }
        return token;
    }

    private void expectSymbol(String symbol) {
        Token token = next();
        if (!token.isSymbol(symbol)) {
            throw error(token, "expected '" + symbol + "' but found " + token.describe());
        }
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            index++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        Token token = next();
        if (!token.isKeyword(keyword)) {
            throw error(token, "expected '" + keyword + "' but found " + token.describe());
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peekAt(int offset) {
        return tokens.get(Math.min(index + offset, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Token.Kind.END) {
            index++;
        }
        return token;
    }

    private <T extends Condition> T record(T node, Token start) {
        return record(node, new Spans(start.position(), null, null, List.of()));
    }

    private <T extends Condition> T record(T node, Spans nodeSpans) {
        spans.put(node, nodeSpans);
        return node;
    }

    private static List<String> texts(List<Token> tokens) {
        return tokens.stream().map(Token::text).toList();
    }

    private static List<Position> positions(List<Token> tokens) {
        return tokens.stream().map(Token::position).toList();
    }

    private SegmentQueryException error(Token token, String message) {
        return new SegmentQueryException(List.of(new QueryError(token.line(), token.column(), message)));
    }
}
