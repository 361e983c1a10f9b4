package dev.tributary.ingestion.source;

import dev.tributary.ingestion.connector.ConnectorConfig;
import dev.tributary.ingestion.connector.SourceConnector;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A connector-backed source as a run needs it: its connector, its configuration with secrets opened, and the instances
 * whose records it may write.
 */
public record ConnectorSource(UUID id, SourceConnector connector, ConnectorConfig config, Set<String> writableInstances) {

    @Override
    public String toString() {
        return "ConnectorSource[id=" + id + ", type=" + connector.type() + "]";
    }

    /** A source due to run by its schedule. */
    public record Scheduled(UUID id, Schedule schedule, Instant createdAt) {
    }
}
