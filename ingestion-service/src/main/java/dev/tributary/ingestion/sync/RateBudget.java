package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.RateLimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;

/**
 * The calls one rate-limit key may make in this JVM: at most {@code callsPerWindow} starting in any sliding window,
 * and at most {@code maxConcurrent} in flight. A call counts from its start (ADR 0027). Thread-safe.
 */
final class RateBudget {

    /** Waits; tests pass one that advances a fake clock instead. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final RateLimit limit;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Instant> starts = new ArrayDeque<>();
    private final Semaphore inFlight;

    RateBudget(RateLimit limit, Clock clock, Sleeper sleeper) {
        this.limit = limit;
        this.clock = clock;
        this.sleeper = sleeper;
        this.inFlight = limit.maxConcurrent() > 0 ? new Semaphore(limit.maxConcurrent(), true) : null;
    }

    RateLimit limit() {
        return limit;
    }

    /** Blocks until the call may start; pair with {@link #release()}. */
    void admit() {
        try {
            if (inFlight != null) {
                inFlight.acquire();
            }
            try {
                awaitWindow();
            } catch (InterruptedException | RuntimeException e) {
                if (inFlight != null) {
                    inFlight.release();
                }
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.retriable("interrupted while waiting for the rate budget of '" + limit.key() + "'", e);
        }
    }

    void release() {
        if (inFlight != null) {
            inFlight.release();
        }
    }

    private void awaitWindow() throws InterruptedException {
        if (limit.callsPerWindow() <= 0 || limit.window().isZero()) {
            return;
        }
        while (true) {
            Duration wait;
            synchronized (starts) {
                Instant now = clock.instant();
                while (!starts.isEmpty() && !starts.peekFirst().plus(limit.window()).isAfter(now)) {
                    starts.pollFirst();
                }
                if (starts.size() < limit.callsPerWindow()) {
                    starts.addLast(now);
                    return;
                }
                wait = Duration.between(now, starts.peekFirst().plus(limit.window()));
            }
            sleeper.sleep(wait);
        }
    }
}
