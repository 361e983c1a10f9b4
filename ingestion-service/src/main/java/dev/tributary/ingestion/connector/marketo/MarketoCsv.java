package dev.tributary.ingestion.connector.marketo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a bulk extract file (RFC 4180: quoted values may hold commas, quotes and newlines) into rows by header. */
final class MarketoCsv {

    private MarketoCsv() {
    }

    /**
     * The file's rows keyed by its header, which must hold every {@code expected} column.
     *
     * @throws IllegalArgumentException when the file is not such a CSV (an unterminated quote, a short row, a header
     *                                  without the columns asked for)
     */
    static List<Map<String, String>> parse(String file, List<String> expected) {
        List<List<String>> lines = lines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the file is empty, not even a header");
        }
        List<String> header = lines.get(0);
        if (!header.containsAll(expected)) {
            throw new IllegalArgumentException("the file's header " + abbreviate(header.toString()) + " lacks columns of "
                    + expected);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> values = lines.get(i);
            if (values.size() != header.size()) {
                throw new IllegalArgumentException("row " + i + " has " + values.size() + " values, the header "
                        + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), values.get(c));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> lines(String file) {
        List<List<String>> lines = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean lineStarted = false;
        for (int i = 0; i < file.length(); i++) {
            char c = file.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < file.length() && file.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                lineStarted = true;
            } else if (c == ',') {
                current.add(value.toString());
                value.setLength(0);
                lineStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < file.length() && file.charAt(i + 1) == '\n') {
                    i++;
                }
                if (lineStarted || value.length() > 0) {
                    current.add(value.toString());
                    lines.add(current);
                }
                current = new ArrayList<>();
                value.setLength(0);
                lineStarted = false;
            } else {
                value.append(c);
                lineStarted = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("the file ends inside a quoted value");
        }
        if (lineStarted || value.length() > 0) {
            current.add(value.toString());
            lines.add(current);
        }
        return lines;
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
