package dev.tributary.profile.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code cdp.profile.batch{kind}}: time to apply a batch in its transaction; {@code cdp.profile.batch.phase{phase}}:
 * the part of it each phase took ({@link PhaseTimer}'s laps: lock, fragments, person identity, write, ...).
 */
@Component
class BatchTimers {

    private final MeterRegistry registry;
    private final Map<String, Timer> phases = new ConcurrentHashMap<>();
    private final Map<String, Timer> batches = new ConcurrentHashMap<>();

    BatchTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer phase(String phase) {
        return phases.computeIfAbsent(phase, p -> Timer.builder("cdp.profile.batch.phase").tag("phase", p)
                .description("Time a phase of applying a record batch took").register(registry));
    }

    Timer batch(String kind) {
        return batches.computeIfAbsent(kind, k -> Timer.builder("cdp.profile.batch").tag("kind", k)
                .description("Time to apply one polled batch in its transaction").register(registry));
    }
}
