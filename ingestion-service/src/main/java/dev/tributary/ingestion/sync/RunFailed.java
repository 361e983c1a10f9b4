package dev.tributary.ingestion.sync;

import java.time.Instant;

/** Why a run ends as failed; {@code notBefore}, when set, is the earliest its source may run again. */
final class RunFailed extends RuntimeException {

    final Instant notBefore;

    RunFailed(String message, Instant notBefore) {
        super(message, null, false, false);
        this.notBefore = notBefore;
    }
}
