package dev.tributary.profile.ingest;

import org.slf4j.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a batch spent its time, logged at DEBUG: the first thing to look at when the profile consumer lags. */
final class PhaseTimer {

    private final long start = System.nanoTime();
    private long last = start;
    private final Map<String, Long> phases = new LinkedHashMap<>();

    void lap(String phase) {
        long now = System.nanoTime();
        phases.merge(phase, now - last, Long::sum);
        last = now;
    }

    void log(Logger log, String what, int size) {
        if (!log.isDebugEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder();
        phases.forEach((phase, nanos) -> line.append(line.isEmpty() ? "" : ", ").append(phase).append(' ')
                .append(nanos / 1_000_000).append(" ms"));
        log.debug("applied {} {} in {} ms ({})", size, what, (last - start) / 1_000_000, line);
    }
}
