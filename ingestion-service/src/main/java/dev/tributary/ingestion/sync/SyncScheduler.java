package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.source.ConnectorSource;
import dev.tributary.ingestion.source.SourceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every {@code cdp.ingestion.connectors.poll}: renews the leases of this instance's runs, marks failed the runs a dead
 * process left running, and starts the runs that are due (scheduled, not paused, due since the last run's start).
 */
@Component
public class SyncScheduler {

    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

    private final SourceService sources;
    private final SyncRunner runner;
    private final RunRepository runs;
    private final ConnectorProperties properties;
    private final Clock clock = Clock.systemUTC();

    SyncScheduler(SourceService sources, SyncRunner runner, RunRepository runs, ConnectorProperties properties) {
        this.sources = sources;
        this.runner = runner;
        this.runs = runs;
        this.properties = properties;
    }

    /** One pass; never throws, so the schedule keeps going. */
    public void tick() {
        try {
            runner.renewLeases();
            int abandoned = runs.failAbandoned();
            if (abandoned > 0) {
                log.warn("{} connector run(s) left running by a stopped process marked failed", abandoned);
            }
            if (properties.schedulerEnabled()) {
                startDueRuns();
            }
        } catch (RuntimeException e) {
            log.warn("The connector scheduler's pass failed; the next one tries again", e);
        }
    }

    /** Starts every due run this pass; returns the sources it started. */
    public List<UUID> startDueRuns() {
        Instant now = clock.instant();
        Map<UUID, RunRepository.LastStart> lastStarts = runs.lastStarts();
        List<UUID> started = new ArrayList<>();
        for (ConnectorSource.Scheduled source : sources.scheduled()) {
            RunRepository.LastStart last = lastStarts.get(source.id());
            Instant due = last == null ? source.schedule().nextAfter(source.createdAt(), source.schedule().interval() != null)
                    : source.schedule().nextAfter(last.startedAt(), false);
            if (last != null && last.notBefore() != null && last.notBefore().isAfter(due)) {
                due = last.notBefore();
            }
            if (due.isAfter(now) || runner.isRunning(source.id())) {
                continue;
            }
            try {
                runner.start(source.id(), "schedule", false);
                started.add(source.id());
            } catch (RunInProgressException e) {
                log.debug("Source {} is due but a run holds its lease", source.id());
            }
        }
        return started;
    }
}
