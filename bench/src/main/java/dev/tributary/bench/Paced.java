package dev.tributary.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Sends small NDJSON batches at a steady rate: one batch every {@code tickMillis}, posted by a pool so a slow
 * request does not delay the next tick. Reports each 202 with the nanoTime it arrived.
 */
final class Paced {
    /** Records for {@code sourceId}; optionally experience events too (posted first, to /v1/events). */
    record Batch(String sourceId, List<String> lines, List<String> sampled, String eventSourceId, List<String> events) {
        Batch(String sourceId, List<String> lines, List<String> sampled) {
            this(sourceId, lines, sampled, null, List.of());
        }
    }

    interface Accepted {
        /** {@code events} tells whether the 202 is that of the batch's events or of its records. */
        void accepted(Batch batch, boolean events, long acceptedNanos);
    }

    final AtomicLong sentLines = new AtomicLong();
    final AtomicLong rejectedLines = new AtomicLong();
    final AtomicLong failedRequests = new AtomicLong();
    final Stats postLatency = new Stats();
    double elapsedSeconds;

    void run(Api api, int tickMillis, int seconds, LongFunction<Batch> batches, Accepted onAccepted) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(Integer.getInteger("bench.senders", 32));
        long ticks = seconds * 1000L / tickMillis;
        AtomicLong tick = new AtomicLong();
        long start = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            long n = tick.getAndIncrement();
            if (n >= ticks) return;
            Batch b = batches.apply(n);
            senders.execute(() -> {
                byte[] body = (String.join("\n", b.lines()) + "\n").getBytes(StandardCharsets.UTF_8);
                try {
                    if (!b.events().isEmpty()) {
                        Api.Response r = api.postEvents(b.eventSourceId(),
                                ("[" + String.join(",", b.events()) + "]").getBytes(StandardCharsets.UTF_8));
                        if (r.status() == 202) {
                            sentLines.addAndGet(r.json().get("accepted").asLong());
                            onAccepted.accepted(b, true, System.nanoTime());
                        } else {
                            failedRequests.incrementAndGet();
                            System.out.println("  HTTP " + r.status() + " " + r.body());
                        }
                    }
                } catch (RuntimeException e) {
                    failedRequests.incrementAndGet();
                    System.out.println("  send failed: " + e);
                }
                if (b.lines().isEmpty()) return;
                long t0 = System.nanoTime();
                try {
                    Api.Response r = api.postRecords(b.sourceId(), body);
                    long t1 = System.nanoTime();
                    postLatency.add((t1 - t0) / 1e6);
                    if (r.status() == 202) {
                        sentLines.addAndGet(r.json().get("accepted").asLong());
                        rejectedLines.addAndGet(r.json().get("rejected").asLong());
                        onAccepted.accepted(b, false, t1);
                    } else {
                        failedRequests.incrementAndGet();
                        System.out.println("  HTTP " + r.status() + " " + r.body());
                    }
                } catch (RuntimeException e) {
                    failedRequests.incrementAndGet();
                    System.out.println("  send failed: " + e);
                }
            });
        }, 0, tickMillis, TimeUnit.MILLISECONDS);
        while (tick.get() < ticks) {
            Thread.sleep(50);
        }
        ticker.shutdown();
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        elapsedSeconds = (System.nanoTime() - start) / 1e9;
    }
}
