package dev.tributary.xdm.validation;

import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.SourceKey;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The normalised form of a valid record or event, as it is published. */
final class Normaliser {

    private Normaliser() {
    }

    /** A deep copy with source keys in object form, instants in UTC and identity maps normalised. */
    static ObjectNode normalise(JsonMapper mapper, FieldPaths paths, ObjectNode data) {
        ObjectNode copy = data.deepCopy();
        for (List<String> path : paths.sourceKeys()) {
            replace(copy, path, node -> SourceKey.fromJson(node).toJson());
        }
        for (List<String> path : paths.instants()) {
            replace(copy, path, node -> copy.stringNode(ValueChecks.parseInstant(node.stringValue()).toString()));
        }
        for (List<String> path : paths.identityMaps()) {
            replace(copy, path, node -> mapper.valueToTree(mapper.treeToValue(node, IdentityMap.class).normalised()));
        }
        return copy;
    }

    private static void replace(ObjectNode root, List<String> path, Function<JsonNode, JsonNode> change) {
        JsonNode parent = root;
        for (String segment : path.subList(0, path.size() - 1)) {
            parent = parent.get(segment);
            if (parent == null || !parent.isObject()) {
                return;
            }
        }
        String field = path.get(path.size() - 1);
        JsonNode value = parent.get(field);
        if (ValueChecks.isPresent(value)) {
            ((ObjectNode) parent).set(field, change.apply(value));
        }
    }
}
