package dev.tributary.segmentation.language;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Splits rule text into tokens, tracking 1-based line and column (a tab counts as one column). */
final class Lexer {

    private final String text;
    private int index;
    private int line = 1;
    private int column = 1;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new Lexer(text).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", null, line, column));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int startLine = line;
        int startColumn = column;
        char c = text.charAt(index);
        if (Character.isLetter(c) || c == '_') {
            int start = index;
            while (index < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                advance();
            }
            return new Token(Token.Kind.IDENTIFIER, text.substring(start, index), null, startLine, startColumn);
        }
        if (Character.isDigit(c) || (c == '-' && index + 1 < text.length() && Character.isDigit(text.charAt(index + 1)))) {
            return number(startLine, startColumn);
        }
        if (c == '"') {
            return string(startLine, startColumn);
        }
        for (String symbol : List.of("<=", ">=", "!=", "<>", "=", "<", ">", "(", ")", ",", ".")) {
            if (text.startsWith(symbol, index)) {
                for (int i = 0; i < symbol.length(); i++) {
                    advance();
                }
                // "<>" is accepted as the SQL spelling of "!=".
                String canonical = symbol.equals("<>") ? "!=" : symbol;
                return new Token(Token.Kind.SYMBOL, canonical, null, startLine, startColumn);
            }
        }
        throw error(startLine, startColumn, "unexpected character " + describe(text.codePointAt(index)));
    }

    /** A character as an error message can show it: control characters and lone surrogates by their code. */
    private static String describe(int codePoint) {
        boolean printable = !Character.isISOControl(codePoint) && Character.isDefined(codePoint)
                && Character.getType(codePoint) != Character.SURROGATE;
        return printable ? "'" + new String(Character.toChars(codePoint)) + "'" : String.format("U+%04X", codePoint);
    }

    private Token number(int startLine, int startColumn) {
        int start = index;
        advance();
        while (index < text.length() && Character.isDigit(peek())) {
            advance();
        }
        // yyyy-mm-dd: a date, not a subtraction (the language has no arithmetic).
        if (index - start == 4 && text.charAt(start) != '-' && peek() == '-'
                && index + 1 < text.length() && Character.isDigit(text.charAt(index + 1))) {
            while (index < text.length() && (Character.isDigit(peek()) || peek() == '-')) {
                advance();
            }
            String raw = text.substring(start, index);
            try {
                return new Token(Token.Kind.DATE, raw, LocalDate.parse(raw), startLine, startColumn);
            } catch (DateTimeParseException e) {
                throw error(startLine, startColumn, "invalid date '" + raw + "', expected yyyy-mm-dd");
            }
        }
        if (peek() == '.' && index + 1 < text.length() && Character.isDigit(text.charAt(index + 1))) {
            advance();
            while (index < text.length() && Character.isDigit(peek())) {
                advance();
            }
        }
        String raw = text.substring(start, index);
        return new Token(Token.Kind.NUMBER, raw, new BigDecimal(raw), startLine, startColumn);
    }

    private Token string(int startLine, int startColumn) {
        int start = index;
        advance();
        StringBuilder value = new StringBuilder();
        while (index < text.length() && peek() != '"') {
            char c = peek();
            if (c == '\n') {
                break;
            }
            if (c == '\\') {
                advance();
                if (index >= text.length()) {
                    break;
                }
                char escaped = peek();
                switch (escaped) {
                    case '"', '\\' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    default -> throw error(line, column - 1, "unknown escape '\\" + escaped + "' (use \\\" \\\\ \\n \\t)");
                }
                advance();
                continue;
            }
            value.append(c);
            advance();
        }
        if (index >= text.length() || peek() != '"') {
            throw error(startLine, startColumn, "unterminated string");
        }
        advance();
        return new Token(Token.Kind.STRING, text.substring(start, index), value.toString(), startLine, startColumn);
    }

    private void skipWhitespace() {
        while (index < text.length() && Character.isWhitespace(peek())) {
            advance();
        }
    }

    private char peek() {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private void advance() {
        if (text.charAt(index) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        index++;
    }

    private static SegmentQueryException error(int line, int column, String message) {
        return new SegmentQueryException(List.of(new QueryError(line, column, message)));
    }
}
