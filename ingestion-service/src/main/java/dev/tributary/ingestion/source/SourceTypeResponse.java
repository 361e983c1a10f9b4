package dev.tributary.ingestion.source;

import dev.tributary.ingestion.connector.ConfigField;

import java.util.List;

/** A type a source may have; {@code pushOnly} types take records and events sent to them and have no configuration. */
public record SourceTypeResponse(String type, String description, boolean pushOnly, List<Field> configFields) {

    /** A {@link ConfigField} as forms render it; {@code type} is {@code string}, {@code url}, {@code integer}, {@code boolean} or {@code enum}. */
    public record Field(String name, String type, String defaultValue, boolean required, boolean secret,
                        String description, String pattern, List<String> allowedValues) {

        static Field of(ConfigField field) {
            return new Field(field.name(), field.type().name().toLowerCase(), field.defaultValue(), field.required(),
                    field.secret(), field.description(), field.pattern(), field.allowedValues());
        }
    }
}
