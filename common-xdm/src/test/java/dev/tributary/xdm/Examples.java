package dev.tributary.xdm;

import dev.tributary.xdm.json.XdmJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the golden example files under {@code src/test/resources/examples}. */
public final class Examples {

    private Examples() {
    }

    public static ObjectNode read(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/examples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return (ObjectNode) XdmJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Through text and back, so numbers compare by value whatever Java type produced them. */
    public static JsonNode canonical(Object value) {
        return XdmJson.mapper().readTree(XdmJson.mapper().writeValueAsString(value));
    }
}
