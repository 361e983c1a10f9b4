package dev.tributary.xdm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The primary identity of a B2B record: the record's id in one instance of one source system,
 * written {@code sourceID@sourceInstanceID.sourceType} (e.g. {@code 1001@mkto-1.Marketo}).
 *
 * <p>Reads both the string form and the XDM object form; always writes the object form.
 */
public record SourceKey(String sourceType, String sourceInstanceId, String sourceId) {

    public static final String SOURCE_TYPE = "sourceType";
    public static final String SOURCE_INSTANCE_ID = "sourceInstanceID";
    public static final String SOURCE_ID = "sourceID";
    public static final String SOURCE_KEY = "sourceKey";

    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern SOURCE_TYPE_PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public SourceKey {
        String given = sourceId + "@" + sourceInstanceId + "." + sourceType;
        if (sourceId == null || sourceId.isEmpty()) {
            throw invalid(given, "the source id is empty");
        }
        if (sourceInstanceId == null || !INSTANCE_ID.matcher(sourceInstanceId).matches()) {
            throw invalid(given, "the source instance id '" + sourceInstanceId
                    + "' must match [A-Za-z0-9][A-Za-z0-9_.-]*");
        }
        if (sourceType == null || !SOURCE_TYPE_PATTERN.matcher(sourceType).matches()) {
            throw invalid(given, "the source type '" + sourceType + "' must match [A-Za-z][A-Za-z0-9_]*");
        }
    }

    public static SourceKey of(String sourceType, String sourceInstanceId, String sourceId) {
        return new SourceKey(sourceType, sourceInstanceId, sourceId);
    }

    /**
     * Parses {@code sourceID@sourceInstanceID.sourceType}. Splits at the last '@' because source ids
     * may themselves contain '@' (an email used as a lead id), then at the last '.' because instance
     * ids may contain dots while types cannot.
     */
    public static SourceKey parse(String value) {
        if (value == null) {
            throw new InvalidSourceKeyException("Source key is null; expected ID@instanceID.SourceType");
        }
        String trimmed = value.trim();
        int at = trimmed.lastIndexOf('@');
        if (at < 0) {
            throw invalid(value, "it has no '@' separating the source id from instanceID.SourceType");
        }
        String rest = trimmed.substring(at + 1);
        int dot = rest.lastIndexOf('.');
        if (dot < 0) {
            throw invalid(value, "it has no '.' separating the source instance id from the source type");
        }
        return new SourceKey(rest.substring(dot + 1), rest.substring(0, dot), trimmed.substring(0, at));
    }

    /** Accepts the string form or the XDM object form; a {@code sourceKey} given beside the parts must agree. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SourceKey fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new InvalidSourceKeyException("Source key is missing");
        }
        if (node.isString()) {
            return parse(node.stringValue());
        }
        if (!node.isObject()) {
            throw new InvalidSourceKeyException("Source key " + node
                    + " is invalid: expected a string ID@instanceID.SourceType or an object with sourceType, sourceInstanceID and sourceID");
        }
        String type = text(node, SOURCE_TYPE);
        String instance = text(node, SOURCE_INSTANCE_ID);
        String id = text(node, SOURCE_ID);
        String key = text(node, SOURCE_KEY);
        if (type == null && instance == null && id == null) {
            if (key == null) {
                throw new InvalidSourceKeyException("Source key " + node
                        + " is invalid: it has neither sourceKey nor sourceType, sourceInstanceID and sourceID");
            }
            return parse(key);
        }
        if (type == null || instance == null || id == null) {
            throw new InvalidSourceKeyException("Source key " + node
                    + " is invalid: sourceType, sourceInstanceID and sourceID must all be given");
        }
        SourceKey parts = new SourceKey(type, instance, id);
        if (key != null && !parse(key).equals(parts)) {
            throw new InvalidSourceKeyException("Source key " + node + " is invalid: sourceKey '" + key
                    + "' disagrees with its parts, which give '" + parts.sourceKey() + "'");
        }
        return parts;
    }

    /** The canonical string form {@code sourceID@sourceInstanceID.sourceType}. */
    public String sourceKey() {
        return sourceId + "@" + sourceInstanceId + "." + sourceType;
    }

    @JsonValue
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(SOURCE_TYPE, sourceType);
        node.put(SOURCE_INSTANCE_ID, sourceInstanceId);
        node.put(SOURCE_ID, sourceId);
        node.put(SOURCE_KEY, sourceKey());
        return node;
    }

    @Override
    public String toString() {
        return sourceKey();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidSourceKeyException("Source key " + node + " is invalid: " + field + " must be a string");
        }
        return value.stringValue();
    }

    private static InvalidSourceKeyException invalid(String value, String reason) {
        return new InvalidSourceKeyException(
                "Source key '" + Objects.toString(value) + "' is invalid: " + reason + " (expected ID@instanceID.SourceType, e.g. 1001@mkto-1.Marketo)");
    }
}
