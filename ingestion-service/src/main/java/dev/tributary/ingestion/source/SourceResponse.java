package dev.tributary.ingestion.source;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record SourceResponse(UUID id, String name, String type, String instanceId, List<String> instanceIds,
                             Instant createdAt) {

    static SourceResponse of(Source source) {
        return new SourceResponse(source.id(), source.name(), source.type().jsonName(), source.instanceId(),
                source.instanceIds(), source.createdAt());
    }
}
