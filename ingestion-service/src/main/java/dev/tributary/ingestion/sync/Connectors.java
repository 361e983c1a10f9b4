package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.connector.SourceConnector;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link SourceConnector} bean, by its type. */
@Component
public class Connectors {

    private final Map<String, SourceConnector> byType = new TreeMap<>();

    Connectors(List<SourceConnector> connectors) {
        for (SourceConnector connector : connectors) {
            SourceConnector clash = byType.put(connector.type(), connector);
            if (clash != null) {
                throw new IllegalStateException("Two connectors declare type '" + connector.type() + "': "
                        + clash.getClass().getName() + " and " + connector.getClass().getName());
            }
        }
    }

    public Optional<SourceConnector> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Sorted by type. */
    public Collection<SourceConnector> all() {
        return byType.values();
    }
}
