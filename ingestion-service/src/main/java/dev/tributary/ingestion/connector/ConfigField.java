package dev.tributary.ingestion.connector;

import java.util.List;

/**
 * One configuration setting of a connector, declared as data (Debezium's {@code Field}): the sources API validates
 * against it, the console builds its forms from it, and a secret is written, sealed, and never returned or logged.
 *
 * @param pattern       a regular expression a value must match in full, or null
 * @param allowedValues the only values allowed (an {@link Type#ENUM}), or empty
 */
public record ConfigField(String name, Type type, String defaultValue, boolean required, boolean secret,
                          String description, String pattern, List<String> allowedValues) {

    public enum Type { STRING, URL, INTEGER, BOOLEAN, ENUM }

    public ConfigField {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }

    public static ConfigField required(String name, Type type, String description) {
        return new ConfigField(name, type, null, true, false, description, null, List.of());
    }

    public static ConfigField optional(String name, Type type, String defaultValue, String description) {
        return new ConfigField(name, type, defaultValue, false, false, description, null, List.of());
    }

    public static ConfigField secret(String name, String description) {
        return new ConfigField(name, Type.STRING, null, true, true, description, null, List.of());
    }

    public ConfigField withPattern(String regex) {
        return new ConfigField(name, type, defaultValue, required, secret, description, regex, allowedValues);
    }

    public ConfigField withAllowedValues(String... values) {
        return new ConfigField(name, Type.ENUM, defaultValue, required, secret, description, pattern, List.of(values));
    }
}
