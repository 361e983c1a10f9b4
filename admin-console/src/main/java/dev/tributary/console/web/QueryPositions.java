package dev.tributary.console.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rule's located errors ({@code {line, column, message}}) with the line they point into and a caret under the column. */
final class QueryPositions {

    private QueryPositions() {
    }

    static List<Map<String, Object>> of(Map<String, Object> problem, String query) {
        List<Map<String, Object>> positions = new ArrayList<>();
        if (!(problem.get("errors") instanceof List<?> errors) || query == null) {
            return positions;
        }
        String[] lines = query.split("\n", -1);
        for (Object error : errors) {
            if (error instanceof Map<?, ?> e && e.get("line") instanceof Number line && e.get("column") instanceof Number column) {
                String text = line.intValue() >= 1 && line.intValue() <= lines.length ? lines[line.intValue() - 1] : "";
                Map<String, Object> position = new LinkedHashMap<>();
                position.put("line", line.intValue());
                position.put("column", column.intValue());
                position.put("message", e.get("message"));
                position.put("text", text);
                position.put("caret", " ".repeat(Math.max(0, Math.min(column.intValue() - 1, text.length()))) + "^");
                positions.add(position);
            }
        }
        return positions;
    }
}
