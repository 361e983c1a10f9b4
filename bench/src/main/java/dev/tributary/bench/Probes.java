package dev.tributary.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Measures when sampled records become visible through the profile API. Every {@code intervalMillis} a round polls
 * the oldest pending probe; once it is visible, the next ones are polled {@value #PARALLEL} at a time, until a chunk
 * holds one not visible yet.
 * <p>
 * Records are applied about in the order they were accepted, so polling every pending probe each round mostly asks
 * for records that cannot be visible yet: during a backlog, thousands of polls a second would take a large share of
 * the two cores the measured services run on. Polling in order costs at most one
 * chunk of failed polls a round. A record that becomes visible before an older one is recorded when the older one
 * is, so latencies can only be overstated, never understated. Visible people are polled in parallel because each
 * answer carries the whole profile: one thread cannot keep up with 50 a second on a loaded machine.
 */
final class Probes {

    private static final int PARALLEL = 8;

    private record Pending(long acceptedNanos, BooleanSupplier visible) {
    }

    final Stats latency = new Stats();
    /** The same latencies by the minute of the measured run their record was accepted in. */
    final Map<Integer, Stats> byMinute = new ConcurrentSkipListMap<>();
    final AtomicInteger timedOut = new AtomicInteger();
    final AtomicInteger polls = new AtomicInteger();
    /** How long each poll took: a slow API delays the rounds, and so the latencies recorded. */
    final Stats pollMillis = new Stats();
    private final Queue<Pending> accepted = new ConcurrentLinkedQueue<>();
    /** The poller's own list, oldest first. */
    private final List<Pending> pending = new ArrayList<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    private final long timeoutNanos;
    private final long startNanos = System.nanoTime();

    Probes(int intervalMillis, int timeoutSeconds) {
        this.timeoutNanos = timeoutSeconds * 1_000_000_000L;
        poller.scheduleWithFixedDelay(this::round, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** {@code visible} returns true once the record accepted at {@code acceptedNanos} is visible. */
    void probe(long acceptedNanos, BooleanSupplier visible) {
        outstanding.incrementAndGet();
        accepted.add(new Pending(acceptedNanos, visible));
    }

    private void round() {
        for (Pending p; (p = accepted.poll()) != null; ) {
            pending.add(p);
        }
        int chunk = 1;   // the oldest alone first: while it is not visible, nothing newer is polled
        while (!pending.isEmpty()) {
            List<Pending> polled = new ArrayList<>(pending.subList(0, Math.min(chunk, pending.size())));
            List<Callable<Boolean>> checks = polled.stream().<Callable<Boolean>>map(p -> () -> poll(p)).toList();
            boolean allSeen = true;
            try {
                List<Future<Boolean>> seen = pool.invokeAll(checks);
                for (int i = 0; i < polled.size(); i++) {
                    if (seen.get(i).get()) {
                        pending.remove(polled.get(i));
                    } else {
                        allSeen = false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            if (!allSeen) {
                return;
            }
            chunk = PARALLEL;
        }
    }

    /** @return whether the probe is done: visible (its latency recorded) or timed out */
    private boolean poll(Pending probe) {
        boolean seen;
        long start = System.nanoTime();
        try {
            polls.incrementAndGet();
            seen = probe.visible().getAsBoolean();
        } catch (RuntimeException e) {
            seen = false;
        }
        long now = System.nanoTime();
        pollMillis.add((now - start) / 1e6);
        if (seen) {
            double ms = (now - probe.acceptedNanos()) / 1e6;
            latency.add(ms);
            byMinute.computeIfAbsent((int) ((probe.acceptedNanos() - startNanos) / 60_000_000_000L), m -> new Stats()).add(ms);
        } else if (now - probe.acceptedNanos() > timeoutNanos) {
            timedOut.incrementAndGet();
        } else {
            return false;
        }
        outstanding.decrementAndGet();
        return true;
    }

    void awaitAll(int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (outstanding.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    void shutdown() {
        poller.shutdownNow();
        pool.shutdownNow();
    }
}
