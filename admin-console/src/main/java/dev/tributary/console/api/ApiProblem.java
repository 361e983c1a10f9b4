package dev.tributary.console.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail from a service, its located errors keyed by the console's form field they concern:
 * {@code {field: "config.munchkinId"}} or {@code {pointer: "/name"}} by field, {@code {line, column}} under
 * {@link #QUERY} (a segment rule's position).
 */
public record ApiProblem(int status, String title, String detail, Map<String, List<String>> fieldErrors,
                         List<String> otherErrors) {

    public static final String QUERY = "query";

    public static ApiProblem of(int status, Map<String, Object> body) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        if (body.get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof Map<?, ?> e) {
                    String message = String.valueOf(e.get("message"));
                    String field = fieldOf(e);
                    if (e.get("line") != null && e.get("column") != null) {
                        byField.computeIfAbsent(field == null ? QUERY : field, k -> new ArrayList<>())
                                .add("line " + e.get("line") + ", column " + e.get("column") + ": " + message);
                    } else if (field != null) {
                        byField.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
                    } else {
                        other.add(message);
                    }
                }
            }
        }
        String title = body.get("title") instanceof String t ? t : status == 0 ? "Service unreachable" : "HTTP " + status;
        String detail = body.get("detail") instanceof String d ? d : null;
        return new ApiProblem(status, title, detail, byField, other);
    }

    /** {@code field} as given, or a JSON pointer {@code /config/munchkinId} turned into {@code config.munchkinId}. */
    static String fieldOf(Map<?, ?> error) {
        Object field = error.get("field");
        if (field == null) {
            field = error.get("pointer");
        }
        if (field == null) {
            return null;
        }
        String name = field.toString();
        if (name.startsWith("#")) {
            name = name.substring(1);
        }
        if (name.startsWith("/")) {
            name = name.substring(1).replace('/', '.');
        }
        return name.isEmpty() ? null : name;
    }

    public List<String> errorsFor(String field) {
        return fieldErrors.getOrDefault(field, List.of());
    }

    public boolean hasErrorsFor(String field) {
        return fieldErrors.containsKey(field);
    }

    /** What no field of the form shows: the detail and unlocated errors, and errors of fields the form lacks. */
    public List<String> unplaced(List<String> formFields) {
        List<String> messages = new ArrayList<>(otherErrors);
        fieldErrors.forEach((field, errors) -> {
            if (!formFields.contains(field)) {
                errors.forEach(error -> messages.add(field + ": " + error));
            }
        });
        return messages;
    }
}
