package dev.tributary.ingestion.sync;

import java.time.Instant;
import java.util.UUID;

/** A source's last run, as its source response shows it. */
public record RunSummary(UUID id, String trigger, String status, Instant startedAt, Instant finishedAt,
                         long recordsPublished, long recordsRejected, long eventsPublished, String error) {

    public static RunSummary of(RunResponse run) {
        return new RunSummary(run.id(), run.trigger(), run.status(), run.startedAt(), run.finishedAt(),
                run.recordsPublished(), run.recordsRejected(), run.eventsPublished(), run.error());
    }
}
