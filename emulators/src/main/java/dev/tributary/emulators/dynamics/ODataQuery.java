package dev.tributary.emulators.dynamics;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The OData pieces of a Web API query: literals, comparisons, projections and keyset skiptokens. */
final class ODataQuery {

    /** A query the Web API refuses with this HTTP status and error body. */
    static final class ODataException extends RuntimeException {
        final int status;
        final String code;

        ODataException(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    static final Pattern CONDITION = Pattern.compile("\\s*(\\w+)\\s+(eq|ne|gt|ge|lt|le)\\s+(.+?)\\s*");
    static final String SYNTAX = "0x80060888";

    private ODataQuery() {
    }

    private static Instant parse(String value) {
        return OffsetDateTime.parse(value).toInstant();
    }

    static void requireColumn(DynamicsEntities.Entity entity, Set<String> columns, String column) {
        if (!columns.contains(column)) {
            throw new ODataException(400, SYNTAX, "Could not find a property named '" + column + "' on type 'Microsoft.Dynamics.CRM."
                    + entity.logicalName() + "'.");
        }
    }

    static Map<String, Object> project(Map<String, Object> row, List<String> selected, boolean annotations) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.etag", "W/\"" + row.get("versionnumber") + "\"");
        for (String column : selected) {
            Object value = row.get(column);
            out.put(column, value instanceof Instant instant ? instant.toString() : value);
            if (annotations) {
                row.keySet().stream().filter(k -> k.startsWith(column + "@")).forEach(k -> out.put(k, row.get(k)));
            }
        }
        return out;
    }

    static Object literal(String token, String filter) {
        if (token.startsWith("'") && token.endsWith("'") && token.length() >= 2) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        if (token.equals("null")) {
            return null;
        }
        if (token.matches("\\d{4}-\\d{2}-\\d{2}T.+")) {
            try {
                return parse(token);
            } catch (RuntimeException e) {
                throw new ODataException(400, SYNTAX, "The DateTimeOffset text '" + token + "' should be in format "
                        + "'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.");
            }
        }
        if (token.matches("[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}") || token.matches("true|false")) {
            return token;
        }
        try {
            return new BigDecimal(token);
        } catch (NumberFormatException e) {
            throw new ODataException(400, SYNTAX, "Syntax error: character '" + token + "' is not valid in '" + filter + "'.");
        }
    }

    static boolean test(Object actual, String op, Object expected) {
        if (actual == null || expected == null) {
            return op.equals("eq") ? actual == expected : op.equals("ne") && actual != expected;
        }
        int cmp = compare(actual, expected);
        return switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "gt" -> cmp > 0;
            case "ge" -> cmp >= 0;
            case "lt" -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof Instant || b instanceof Instant) {
            return toInstant(a).compareTo(toInstant(b));
        }
        return a.toString().compareTo(b.toString());
    }

    static Instant toInstant(Object value) {
        return value instanceof Instant instant ? instant : parse(value.toString());
    }

    /** The skiptoken: the last row's sort values, as {@code column=value} lines, base64url. */
    static String encode(Map<String, Object> row, List<String[]> order, long startVersion) {
        StringBuilder text = new StringBuilder("$version=#" + startVersion + "\n");
        for (String[] o : order) {
            Object value = row.get(o[0]);
            text.append(o[0]).append('=').append(value instanceof Instant ? "@" + value : value instanceof Number ? "#" + value
                    : value == null ? "~" : "'" + value).append('\n');
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> decode(String token) {
        Map<String, Object> values = new HashMap<>();
        try {
            for (String line : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                String raw = line.substring(eq + 1);
                Object value = switch (raw.isEmpty() ? '~' : raw.charAt(0)) {
                    case '@' -> Instant.parse(raw.substring(1));
                    case '#' -> new BigDecimal(raw.substring(1));
                    case '\'' -> raw.substring(1);
                    default -> null;
                };
                values.put(line.substring(0, eq), value);
            }
        } catch (RuntimeException e) {
            throw new ODataException(400, SYNTAX, "The skiptoken is not valid.");
        }
        return values;
    }
}
