package dev.tributary.ingestion.connector;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Locale;

/** Reading a source system's JSON row into XDM fields: absent, null and blank values are all "not given". */
public final class RowFields {

    private RowFields() {
    }

    /** The field's value as text, or null when it is absent, null or blank. */
    public static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isString() ? value.stringValue() : value.toString();
        return text.isBlank() ? null : text;
    }

    public static void putText(ObjectNode target, String field, JsonNode row, String sourceField) {
        putIfNotNull(target, field, text(row, sourceField));
    }

    public static void putIfNotNull(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }

    /** {@code https://www.townsend.com/about} and {@code townsend.com} -> {@code townsend.com}; null when no host. */
    public static String domain(String website) {
        String candidate = website.trim();
        if (!candidate.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            candidate = "http://" + candidate;
        }
        try {
            String host = URI.create(candidate).getHost();
            if (host == null || host.isBlank()) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
