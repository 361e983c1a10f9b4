package dev.tributary.ingestion.source;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Kinds of source the service can ingest from; connector-backed types join as they are built. */
public enum SourceType {
    FILE("file"),
    WEB("web");

    private final String jsonName;

    SourceType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    static Optional<SourceType> fromJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }

    static String validNames() {
        return Arrays.stream(values()).map(SourceType::jsonName).collect(Collectors.joining(", "));
    }
}
