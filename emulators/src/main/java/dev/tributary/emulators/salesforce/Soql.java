package dev.tributary.emulators.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SOQL subset the emulator understands: {@code SELECT f, ... FROM Object [WHERE f op literal [AND ...]]
 * [ORDER BY f [ASC|DESC], ...] [LIMIT n]}. Anything else is a {@code MALFORMED_QUERY}.
 */
record Soql(List<String> fields, String object, List<Condition> where, List<Order> orderBy, Integer limit) {

    private static final Pattern QUERY = Pattern.compile(
            "(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)(?:\\s+WHERE\\s+(.+?))?(?:\\s+ORDER\\s+BY\\s+(.+?))?(?:\\s+LIMIT\\s+(\\d+))?\\s*");
    private static final Pattern CONDITION = Pattern.compile("(?s)\\s*(\\w+)\\s*(>=|<=|!=|=|>|<)\\s*(.+?)\\s*");
    private static final Pattern FIELD = Pattern.compile("\\w+");
    static final DateTimeFormatter SOQL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX][XX]");

    record Condition(String field, String op, Object value) {

        boolean test(Map<String, Object> row) {
            Object actual = row.get(field);
            if (value == null || actual == null) {
                boolean bothNull = value == null && actual == null;
                return op.equals("=") ? bothNull : op.equals("!=") && !bothNull;
            }
            int cmp = compare(actual, value);
            return switch (op) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                default -> cmp <= 0;
            };
        }
    }

    record Order(String field, boolean descending) {
    }

    static Soql parse(String text) {
        Matcher m = QUERY.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new SoqlException("MALFORMED_QUERY", "unexpected token: " + firstWord(text));
        }
        List<String> fields = new ArrayList<>();
        for (String field : m.group(1).split(",")) {
            String name = field.trim();
            if (!FIELD.matcher(name).matches()) {
                throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + name + "'");
            }
            fields.add(name);
        }
        List<Condition> where = new ArrayList<>();
        if (m.group(3) != null) {
            for (String part : m.group(3).split("(?i)\\s+AND\\s+")) {
                Matcher c = CONDITION.matcher(part);
                if (!c.matches()) {
                    throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + part.trim() + "'");
                }
                where.add(new Condition(c.group(1), c.group(2), literal(c.group(3))));
            }
        }
        List<Order> orderBy = new ArrayList<>();
        if (m.group(4) != null) {
            for (String part : m.group(4).split(",")) {
                String[] words = part.trim().split("\\s+");
                boolean desc = words.length > 1 && words[1].equalsIgnoreCase("DESC");
                if (words.length > 2 || !FIELD.matcher(words[0]).matches()
                        || (words.length == 2 && !desc && !words[1].equalsIgnoreCase("ASC"))) {
                    throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + part.trim() + "'");
                }
                orderBy.add(new Order(words[0], desc));
            }
        }
        Integer limit = m.group(5) == null ? null : Integer.valueOf(m.group(5));
        return new Soql(fields, m.group(2), where, orderBy, limit);
    }

    private static Object literal(String token) {
        if (token.startsWith("'") && token.endsWith("'") && token.length() >= 2) {
            return token.substring(1, token.length() - 1).replace("\\'", "'");
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("null")) {
            return null;
        }
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.valueOf(lower);
        }
        if (token.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
            try {
                return OffsetDateTime.parse(token, SOQL_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new SoqlException("MALFORMED_QUERY", "line 1:0 no viable alternative at character '" + token + "'");
            }
        }
        try {
            return new BigDecimal(token);
        } catch (NumberFormatException e) {
            throw new SoqlException("MALFORMED_QUERY", "unexpected token: '" + token + "'");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof Instant || b instanceof Instant) {
            return toInstant(a).compareTo(toInstant(b));
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    private static Instant toInstant(Object value) {
        return value instanceof Instant instant ? instant : OffsetDateTime.parse(value.toString(), SOQL_DATE_TIME).toInstant();
    }

    private static String firstWord(String text) {
        String trimmed = text == null ? "" : text.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /** A query the API refuses with HTTP 400 and this error code. */
    static final class SoqlException extends RuntimeException {

        final String errorCode;

        SoqlException(String errorCode, String message) {
            super(message);
            this.errorCode = errorCode;
        }
    }
}
