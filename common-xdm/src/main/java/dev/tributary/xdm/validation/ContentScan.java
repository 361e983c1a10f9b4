package dev.tributary.xdm.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Walks a whole record or event, unknown fields included, for what PostgreSQL refuses to store in {@code text} or
 * {@code jsonb} wherever it sits: the NUL character, unpaired UTF-16 surrogates, non-finite numbers, and strings or
 * object keys longer than {@link XdmLimits#MAX_STRING_CHARS} (ADR 0023).
 */
final class ContentScan {

    private final List<ValidationError> errors;
    private final List<String> path = new ArrayList<>();

    private ContentScan(List<ValidationError> errors) {
        this.errors = errors;
    }

    /** Adds an error per offending value or key, at most up to {@link XdmLimits#MAX_ERRORS} errors in all. */
    static void scan(JsonNode root, List<ValidationError> errors) {
        new ContentScan(errors).visit(root);
    }

    private void visit(JsonNode node) {
        if (full()) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                path.add(property.getKey());
                String keyProblem = problem(property.getKey());
                if (keyProblem != null) {
                    error("the field name " + keyProblem);
                } else {
                    visit(property.getValue());
                }
                path.remove(path.size() - 1);
                if (full()) {
                    return;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && !full(); i++) {
                path.add(Integer.toString(i));
                visit(node.get(i));
                path.remove(path.size() - 1);
            }
        } else if (node.isString()) {
            String problem = problem(node.stringValue());
            if (problem != null) {
                error(problem);
            }
        } else if (node.isNumber() && !XdmValidator.isFinite(node)) {
            error("is not a finite number (" + node.asString() + ")");
        }
    }

    /** What makes the text unstorable, or null. */
    private static String problem(String text) {
        if (text.length() > XdmLimits.MAX_STRING_CHARS) {
            return "is " + text.length() + " characters long; a string may be at most " + XdmLimits.MAX_STRING_CHARS;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains the NUL character (\\u0000) at character " + i + ", which cannot be stored";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains an unpaired UTF-16 surrogate at character " + i + ", which is not Unicode text";
                }
            }
        }
        return null;
    }

    private void error(String message) {
        errors.add(new ValidationError(FieldPaths.pointer(path), message));
    }

    private boolean full() {
        return errors.size() >= XdmLimits.MAX_ERRORS;
    }
}
