package dev.tributary.ingestion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code cdp.ingestion.records} and {@code cdp.ingestion.events}, tagged {@code sourceId} ("none" for events sent
 * without a source) and {@code outcome} ({@code accepted}: Kafka acknowledged it; {@code rejected}: invalid, kept
 * with its reasons). Sources are few (one per connected system instance), so the tag stays low-cardinality.
 */
@Component
public class IngestionMeters {

    private final MeterRegistry registry;

    public IngestionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void records(String sourceId, int accepted, int rejected) {
        count("cdp.ingestion.records", "XDM records of NDJSON batches and connector runs", sourceId, accepted, rejected);
    }

    public void events(String sourceId, int accepted, int rejected) {
        count("cdp.ingestion.events", "Experience events", sourceId, accepted, rejected);
    }

    private void count(String name, String description, String sourceId, int accepted, int rejected) {
        String source = sourceId == null ? "none" : sourceId;
        if (accepted > 0) {
            counter(name, description, source, "accepted").increment(accepted);
        }
        if (rejected > 0) {
            counter(name, description, source, "rejected").increment(rejected);
        }
    }

    private Counter counter(String name, String description, String sourceId, String outcome) {
        return Counter.builder(name).description(description).baseUnit(name.endsWith("records") ? "records" : "events")
                .tag("sourceId", sourceId).tag("outcome", outcome).register(registry);
    }
}
