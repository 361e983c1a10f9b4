package dev.tributary.emulators.marketo;

import java.util.List;
import java.util.Map;

/** RFC 4180 CSV as Marketo's bulk files hold it: a header line, a value quoted when it holds a comma, quote or newline. */
final class Csv {

    private Csv() {
    }

    static String write(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header.stream().map(h -> (Object) h).toList());
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values.get(i);
            String text = value == null ? "" : value.toString();
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                out.append(text);
            }
        }
        out.append('\n');
    }

    /** A flat JSON object of strings, numbers, booleans and nulls (an activity's attributes). */
    static String json(Map<?, ?> map) {
        StringBuilder out = new StringBuilder("{");
        map.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(key.toString())).append(':');
            out.append(value == null || value instanceof Number || value instanceof Boolean ? String.valueOf(value)
                    : quote(value.toString()));
        });
        return out.append('}').toString();
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
