package dev.tributary.ingestion.source;

import java.time.Instant;
import java.util.UUID;

public record SourceResponse(UUID id, String name, String type, String instanceId, Instant createdAt) {

    static SourceResponse of(Source source) {
        return new SourceResponse(source.id(), source.name(), source.type().jsonName(), source.instanceId(),
                source.createdAt());
    }
}
