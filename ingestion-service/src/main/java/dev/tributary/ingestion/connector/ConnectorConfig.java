package dev.tributary.ingestion.connector;

import java.util.Map;
import java.util.Optional;

/**
 * A source's configuration, already checked against its connector's {@link ConfigField}s with defaults applied, and
 * its secrets unsealed. {@code instanceId} is the instance part of the source keys the connector writes.
 */
public record ConnectorConfig(String sourceId, String instanceId, Map<String, String> values) {

    public ConnectorConfig {
        values = Map.copyOf(values);
    }

    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("configuration '" + name + "' is not set: declare it required or give it a default");
        }
        return value;
    }

    public Optional<String> find(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public int getInt(String name) {
        return Integer.parseInt(get(name));
    }

    public boolean getBoolean(String name) {
        return Boolean.parseBoolean(get(name));
    }

    @Override
    public String toString() {
        // values hold unsealed secrets
        return "ConnectorConfig[sourceId=" + sourceId + ", instanceId=" + instanceId + ", fields=" + values.keySet() + "]";
    }
}
