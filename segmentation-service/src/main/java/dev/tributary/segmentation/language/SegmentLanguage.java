package dev.tributary.segmentation.language;

/** The facade of the segment language: parse rule text, type-check it, compile it to SQL. */
public final class SegmentLanguage {

    private SegmentLanguage() {
    }

    /**
     * Parses rule text. Checks syntax, literals and window sizes; attribute names and types are
     * checked against an audience by {@link #parse(Audience, String)} and {@link #compile}.
     *
     * @throws SegmentQueryException with the line and column of the offending token
     */
    public static SegmentQuery parse(String text) {
        return parse(text, QueryLimits.DEFAULT);
    }

    /**
     * Parses rule text within {@code limits}: longer text is refused before it is read, and nesting deeper than
     * allowed at the token that opens the level too many.
     *
     * @throws SegmentQueryException with the line and column of the offending token
     */
    public static SegmentQuery parse(String text, QueryLimits limits) {
        if (text.length() > limits.maxLength()) {
            throw tooLong(text, limits.maxLength());
        }
        return Parser.parse(text, limits.maxDepth());
    }

    /** Parses and type-checks rule text for an audience. */
    public static SegmentQuery parse(Audience audience, String text) {
        SegmentQuery query = parse(text);
        QueryValidator.validate(query, audience);
        return query;
    }

    /** Type-checks and compiles a rule; errors still point at the rule's text when it was parsed. */
    public static CompiledSegment compile(Audience audience, SegmentQuery query) {
        QueryValidator.validate(query, audience);
        return SqlCompiler.compile(audience, query);
    }

    public static CompiledSegment compile(Audience audience, String text) {
        return compile(audience, parse(text));
    }

    public static CompiledSegment compile(Audience audience, String text, QueryLimits limits) {
        return compile(audience, parse(text, limits));
    }

    /** Points at the first character beyond the limit, found by one pass over the text before it. */
    private static SegmentQueryException tooLong(String text, int maxLength) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < maxLength; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SegmentQueryException(java.util.List.of(new QueryError(line, column,
                "a rule may be at most " + maxLength + " characters long; this one has " + text.length())));
    }

    /** The rule in canonical form; {@code parse(normalise(q)).equals(q)}. */
    public static String normalise(SegmentQuery query) {
        return QueryPrinter.print(query.condition());
    }
}
