package dev.tributary.ingestion.source;

import java.util.Arrays;
import java.util.Optional;

/** The push-only kinds of source: records and events are sent to them. Connector types come from SourceConnector beans. */
public enum SourceType {
    FILE("file", "NDJSON record batches sent to POST /v1/sources/{id}/records"),
    WEB("web", "experience events sent to POST /v1/events");

    private final String jsonName;
    private final String description;

    SourceType(String jsonName, String description) {
        this.jsonName = jsonName;
        this.description = description;
    }

    public String jsonName() {
        return jsonName;
    }

    public String description() {
        return description;
    }

    static Optional<SourceType> fromJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
    }
}
