package dev.tributary.profile.fragment;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Null-tolerant reads of nested XDM fields by path. */
public final class Json {

    private Json() {
    }

    public static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            if (current == null || current.isNull() || current.isMissingNode()) {
                return null;
            }
            current = current.get(part);
        }
        return current == null || current.isNull() || current.isMissingNode() ? null : current;
    }

    public static String text(JsonNode node, String dottedPath) {
        JsonNode value = at(node, dottedPath);
        if (value == null) {
            return null;
        }
        if (value.isObject() && value.has("sourceKey")) {
            return value.get("sourceKey").asString();
        }
        String text = value.asString();
        return text == null || text.isBlank() ? null : text;
    }

    public static BigDecimal decimal(JsonNode node, String dottedPath) {
        JsonNode value = at(node, dottedPath);
        return value == null || !value.isNumber() ? null : value.decimalValue();
    }

    public static Boolean bool(JsonNode node, String dottedPath) {
        JsonNode value = at(node, dottedPath);
        return value == null || !value.isBoolean() ? null : value.booleanValue();
    }

    public static Instant instant(JsonNode node, String dottedPath) {
        String value = text(node, dottedPath);
        return value == null ? null : Instant.parse(value);
    }

    public static LocalDate date(JsonNode node, String dottedPath) {
        String value = text(node, dottedPath);
        if (value == null) {
            return null;
        }
        return value.length() > 10 ? LocalDate.parse(value.substring(0, 10)) : LocalDate.parse(value);
    }
}
