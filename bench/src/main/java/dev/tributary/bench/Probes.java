package dev.tributary.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Polls the profile API every {@code intervalMillis} until a sampled record is visible; records the delay. */
final class Probes {
    final Stats latency = new Stats();
    final AtomicInteger pending = new AtomicInteger();
    final AtomicInteger timedOut = new AtomicInteger();
    final AtomicInteger polls = new AtomicInteger();
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(8);
    private final int intervalMillis;
    private final long timeoutNanos;

    Probes(int intervalMillis, int timeoutSeconds) {
        this.intervalMillis = intervalMillis;
        this.timeoutNanos = timeoutSeconds * 1_000_000_000L;
    }

    /** {@code visible} returns true once the thing is visible (called from the probe threads). */
    void probe(long acceptedNanos, Predicate<Void> visible) {
        pending.incrementAndGet();
        pool.execute(new Runnable() {
            @Override
            public void run() {
                boolean seen;
                try {
                    polls.incrementAndGet();
                    seen = visible.test(null);
                } catch (RuntimeException e) {
                    seen = false;
                }
                long now = System.nanoTime();
                if (seen) {
                    latency.add((now - acceptedNanos) / 1e6);
                    pending.decrementAndGet();
                } else if (now - acceptedNanos > timeoutNanos) {
                    timedOut.incrementAndGet();
                    pending.decrementAndGet();
                } else {
                    // every intervalMillis for 2 s, every 100 ms until 5 s, then every second: thousands of late
                    // probes polling at 100 Hz would load the profile API they measure (a probe that late has
                    // missed the 1 s target anyway; its latency is then known to the second)
                    long age = now - acceptedNanos;
                    pool.schedule(this, age < 2_000_000_000L ? intervalMillis : age < 5_000_000_000L ? 100 : 1000,
                            TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    void awaitAll(int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (pending.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    void shutdown() {
        pool.shutdownNow();
    }
}
