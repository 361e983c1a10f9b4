package dev.tributary.segmentation.language;

import java.util.Locale;

/** A lexical token; keywords are identifiers recognised case-insensitively by the parser. */
record Token(Kind kind, String text, Object value, int line, int column) {

    enum Kind { IDENTIFIER, STRING, NUMBER, DATE, SYMBOL, END }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.toLowerCase(Locale.ROOT).equals(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    SegmentQuery.Position position() {
        return new SegmentQuery.Position(line, column);
    }

    String describe() {
        return kind == Kind.END ? "end of input" : "'" + text + "'";
    }
}
