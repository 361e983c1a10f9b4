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
        return Parser.parse(text);
    }

    /** Parses and type-checks rule text for an audience. */
    public static SegmentQuery parse(Audience audience, String text) {
        SegmentQuery query = Parser.parse(text);
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

    /** The rule in canonical form; {@code parse(normalise(q)).equals(q)}. */
    public static String normalise(SegmentQuery query) {
        return QueryPrinter.print(query.condition());
    }
}
