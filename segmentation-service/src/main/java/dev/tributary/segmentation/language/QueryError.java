package dev.tributary.segmentation.language;

/** One problem in a segment rule, at a 1-based line and column of the rule text. */
public record QueryError(int line, int column, String message) {

    @Override
    public String toString() {
        return line + ":" + column + ": " + message;
    }
}
