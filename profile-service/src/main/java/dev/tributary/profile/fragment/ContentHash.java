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
        StringBuilder canonical = new StringBuilder();
        write(node, canonical);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
        } else {
            out.append(node.toString());
        }
    }
}
