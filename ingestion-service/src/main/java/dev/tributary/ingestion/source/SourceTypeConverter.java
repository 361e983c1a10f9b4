package dev.tributary.ingestion.source;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the API name ({@code file}), so the column reads the same as the JSON. */
@Converter
class SourceTypeConverter implements AttributeConverter<SourceType, String> {

    @Override
    public String convertToDatabaseColumn(SourceType type) {
        return type == null ? null : type.jsonName();
    }

    @Override
    public SourceType convertToEntityAttribute(String name) {
        return name == null ? null : SourceType.fromJsonName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown source type in database: " + name));
    }
}
