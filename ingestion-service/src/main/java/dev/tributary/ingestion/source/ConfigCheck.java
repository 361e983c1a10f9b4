package dev.tributary.ingestion.source;

import dev.tributary.ingestion.connector.ConfigField;
import dev.tributary.xdm.json.XdmJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a source's {@code config} against its connector's {@link ConfigField}s: unknown, missing, mistyped, off-pattern
 * and off-list values are all reported at once, located at {@code config.<field>}; defaults are applied.
 */
final class ConfigCheck {

    /**
     * @param stored  the non-secret values to show and store, typed as JSON
     * @param secrets the secret values, to seal
     * @param values  every value as text, for the connector
     */
    record Checked(ObjectNode stored, Map<String, String> secrets, Map<String, String> values,
                   List<Map<String, Object>> errors) {
    }

    private ConfigCheck() {
    }

    /**
     * @param config      the request's values (null: none)
     * @param keptSecrets secrets already stored, used where the request gives none (an edit keeps them)
     */
    static Checked check(List<ConfigField> fields, ObjectNode config, Map<String, String> keptSecrets) {
        ObjectNode stored = XdmJson.mapper().createObjectNode();
        Map<String, String> secrets = new TreeMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        Map<String, ConfigField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        if (config != null) {
            for (String name : config.propertyNames()) {
                if (!byName.containsKey(name)) {
                    errors.add(SourceErrors.at("config." + name, "is not a setting of this type; its settings are "
                            + String.join(", ", byName.keySet())));
                }
            }
        }
        for (ConfigField field : fields) {
            JsonNode given = config == null ? null : config.get(field.name());
            String at = "config." + field.name();
            if (given == null || given.isNull()) {
                if (field.secret() && keptSecrets.containsKey(field.name())) {
                    secrets.put(field.name(), keptSecrets.get(field.name()));
                    values.put(field.name(), keptSecrets.get(field.name()));
                } else if (field.defaultValue() != null) {
                    put(field, field.defaultValue(), stored, secrets, values);
                } else if (field.required()) {
                    errors.add(SourceErrors.at(at, "is required: " + field.description()));
                }
                continue;
            }
            String error = typeError(field, given);
            if (error != null) {
                errors.add(SourceErrors.at(at, error));
                continue;
            }
            String text = given.isString() ? given.stringValue() : given.toString();
            if (field.secret() ? text.isEmpty() : text.isBlank()) {
                if (field.required()) {
                    errors.add(SourceErrors.at(at, "must not be blank"));
                }
                continue;
            }
            if (field.pattern() != null && !matches(field.pattern(), text)) {
                // a secret's value is never echoed
                errors.add(SourceErrors.at(at, "must match " + field.pattern()
                        + (field.secret() ? "" : "; '" + text + "' does not")));
                continue;
            }
            if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(text)) {
                errors.add(SourceErrors.at(at, "must be one of " + String.join(", ", field.allowedValues())
                        + (field.secret() ? "" : "; not '" + text + "'")));
                continue;
            }
            put(field, text, stored, secrets, values);
        }
        return new Checked(stored, secrets, values, errors);
    }

    private static void put(ConfigField field, String text, ObjectNode stored, Map<String, String> secrets,
                            Map<String, String> values) {
        values.put(field.name(), text);
        if (field.secret()) {
            secrets.put(field.name(), text);
        } else if (field.type() == ConfigField.Type.INTEGER) {
            stored.put(field.name(), Long.parseLong(text));
        } else if (field.type() == ConfigField.Type.BOOLEAN) {
            stored.put(field.name(), Boolean.parseBoolean(text));
        } else {
            stored.put(field.name(), text);
        }
    }

    private static String typeError(ConfigField field, JsonNode given) {
        return switch (field.type()) {
            case INTEGER -> given.isIntegralNumber() && given.canConvertToLong()
                    || given.isString() && given.stringValue().matches("-?\\d{1,18}") ? null : "must be a whole number";
            case BOOLEAN -> given.isBoolean() || given.isString() && given.stringValue().matches("true|false")
                    ? null : "must be true or false";
            case URL -> !given.isString() ? "must be a string" : urlError(given.stringValue());
            case STRING, ENUM -> given.isString() ? null : "must be a string";
        };
    }

    private static String urlError(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                return "must be an absolute http or https URL";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getReason();
        }
    }

    private static boolean matches(String regex, String text) {
        try {
            return Pattern.compile(regex).matcher(text).matches();
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("The connector declares an invalid pattern: " + regex, e);
        }
    }
}
