package dev.tributary.profile.fragment;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/** A hash of a JSON document that ignores property order, so equal content hashes equally. */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(JsonNode node) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(node).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What is hashed: properties sorted by name, each value followed by a comma, scalars as JSON. */
    static String canonical(JsonNode node) {
        StringBuilder canonical = new StringBuilder();
        write(node, canonical);
        return canonical.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            sorted.forEach((k, v) -> {
                out.append('"').append(k).append("\":");
                write(v, out);
                out.append(',');
            });
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(v -> {
                write(v, out);
                out.append(',');
            });
            out.append(']');
        } else if (node.isString() && !needsEscaping(node.stringValue())) {
            // what toString() writes, without a serializer per value (a record has dozens; every record is hashed)
            out.append('"').append(node.stringValue()).append('"');
        } else if (node.isInt() || node.isLong()) {
            out.append(node.longValue());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            out.append(node.toString());
        }
    }

    /** Whether JSON escapes a character of the text: control characters, quotes and backslashes. */
    private static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }
}
