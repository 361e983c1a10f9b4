package dev.tributary.segmentation.language;

/**
 * How large a rule may be (ADR 0022). Depth counts nested parentheses, {@code not}s, and {@code exists} and
 * aggregates (whose {@code where} nests a condition); it is checked before each descent, so no input can
 * exhaust the stack of the parser, validator, printer or compiler, which all recurse along it.
 *
 * @param maxLength characters of rule text
 * @param maxDepth  nesting levels, at most {@link #DEPTH_CEILING}
 */
public record QueryLimits(int maxLength, int maxDepth) {

    /** The deepest nesting any setting may allow: each level costs the recursive passes a few stack frames. */
    public static final int DEPTH_CEILING = 256;

    public static final QueryLimits DEFAULT = new QueryLimits(10_000, 32);

    /** For rules already stored: they were within the limits when saved, and lowering a limit must not stop them. */
    public static final QueryLimits STORED = new QueryLimits(Integer.MAX_VALUE, DEPTH_CEILING);

    public QueryLimits {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1");
        }
        if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + DEPTH_CEILING);
        }
    }
}
