package dev.tributary.profile.ingest;

import org.slf4j.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a batch spent its time: recorded in {@link BatchTimers} and logged at DEBUG ("applied 1000 records in 483 ms
 * (lock 5 ms, fragments 225 ms, ...)", the line docs/benchmarks.md reads), the first thing to look at when the
 * profile consumer lags.
 */
final class PhaseTimer {

    private final BatchTimers timers;
    private final long start = System.nanoTime();
    private long last = start;
    private final Map<String, Long> phases = new LinkedHashMap<>();

    PhaseTimer(BatchTimers timers) {
        this.timers = timers;
    }

    void lap(String phase) {
        long now = System.nanoTime();
        phases.merge(phase, now - last, Long::sum);
        last = now;
    }

    void finish(Logger log, String what, int size) {
        phases.forEach((phase, nanos) -> timers.phase(phase).record(nanos, TimeUnit.NANOSECONDS));
        timers.batch(what).record(last - start, TimeUnit.NANOSECONDS);
        if (!log.isDebugEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder();
        phases.forEach((phase, nanos) -> line.append(line.isEmpty() ? "" : ", ").append(phase).append(' ')
                .append(nanos / 1_000_000).append(" ms"));
        log.debug("applied {} {} in {} ms ({})", size, what, (last - start) / 1_000_000, line);
    }
}
