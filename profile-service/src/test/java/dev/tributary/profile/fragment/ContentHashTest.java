package dev.tributary.profile.fragment;

import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHashTest {

    private static final List<String> TRICKY = List.of("", "plain", "https://townsend.com/products/new?a=1&b=2",
            "quote \" inside", "back\\slash", "tab\there", "new\nline", "\u0000nul", "\u001f", "\u007f", "caf\u00e9",
            "\u2028line separator", "emoji \ud83d\ude80", "</script>", "'single'");

    /**
     * Fragments stored before the fast paths for strings and integers keep their hash: the canonical form is the one of
     * writing every scalar with toString(), as it was.
     */
    @Test
    void shouldWriteScalarsExactlyAsTheirJsonText() {
        ObjectNode document = XdmJson.mapper().createObjectNode();
        for (int i = 0; i < TRICKY.size(); i++) {
            document.put("s" + i, TRICKY.get(i));
        }
        Random random = new Random(42);
        String pool = "aZ09 \"\\/\t\n\r\u0001\u00e9\u2028\ud83d\ude80{}[],:";
        ArrayNode randomTexts = document.putArray("random");
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(pool.charAt(random.nextInt(pool.length())));
            }
            randomTexts.add(text.toString());
        }
        document.put("int", 42).put("negative", -7).put("long", 9_007_199_254_740_993L).put("yes", true).put("no", false)
                .put("decimal", new BigDecimal("1000000.00")).put("double", 0.1).putNull("nothing");
        document.putObject("nested").put("b", "x").put("a", 1).putArray("list").add("y").add(2).addNull();

        assertThat(ContentHash.canonical(document)).isEqualTo(reference(document));
    }

    @Test
    void shouldHashEqualContentEquallyWhateverThePropertyOrder() {
        JsonNode one = XdmJson.mapper().readTree("{\"a\":1,\"b\":{\"x\":\"t\",\"y\":[1,2]}}");
        JsonNode other = XdmJson.mapper().readTree("{\"b\":{\"y\":[1,2],\"x\":\"t\"},\"a\":1}");
        JsonNode changed = XdmJson.mapper().readTree("{\"b\":{\"y\":[2,1],\"x\":\"t\"},\"a\":1}");

        assertThat(ContentHash.of(one)).isEqualTo(ContentHash.of(other));
        assertThat(ContentHash.of(one)).isNotEqualTo(ContentHash.of(changed));
    }

    /** The canonical form as first written: every scalar through toString(). */
    private static String reference(JsonNode node) {
        StringBuilder out = new StringBuilder();
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            sorted.forEach((k, v) -> out.append('"').append(k).append("\":").append(reference(v)).append(','));
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.forEach(v -> out.append(reference(v)).append(','));
            out.append(']');
        } else {
            out.append(node.toString());
        }
        return out.toString();
    }
}
