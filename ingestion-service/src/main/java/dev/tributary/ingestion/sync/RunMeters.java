package dev.tributary.ingestion.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** {@code cdp.ingestion.connector.runs}: connector runs' durations, tagged {@code type} and {@code outcome}. */
@Component
class RunMeters {

    private final MeterRegistry registry;

    RunMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void ran(String type, String outcome, Duration duration) {
        Timer.builder("cdp.ingestion.connector.runs").description("Connector runs, by source type and outcome")
                .tag("type", type).tag("outcome", outcome).register(registry).record(duration);
    }
}
