package dev.tributary.ingestion.sync;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A run this instance executes: it stops at its next step once interrupted or once its lease is lost (ADR 0027). */
final class ActiveRun {

    final UUID sourceId;
    final UUID runId;
    volatile boolean leaseLost;

    ActiveRun(UUID sourceId, UUID runId) {
        this.sourceId = sourceId;
        this.runId = runId;
    }

    /** @throws RunFailed when the run was stopped or lost its lease */
    void checkAlive() {
        if (Thread.currentThread().isInterrupted()) {
            throw new RunFailed(RunRepository.STOPPED, null);
        }
        if (leaseLost) {
            throw new RunFailed("the run lost its lease (it stopped renewing it for longer than "
                    + "cdp.ingestion.connectors.lease-ttl); another run may hold it", null);
        }
    }

    /** Waits before a retry, then checks the run may go on. */
    void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailed(RunRepository.STOPPED, null);
        }
        checkAlive();
    }
}
