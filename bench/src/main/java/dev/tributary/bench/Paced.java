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
    record Batch(String sourceId, List<String> lines, List<String> sampled) {
    }

    interface Accepted {
        void accepted(Batch batch, long acceptedNanos);
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
                long t0 = System.nanoTime();
                try {
                    Api.Response r = api.postRecords(b.sourceId(), body);
                    long t1 = System.nanoTime();
                    postLatency.add((t1 - t0) / 1e6);
                    if (r.status() == 202) {
                        sentLines.addAndGet(r.json().get("accepted").asLong());
                        rejectedLines.addAndGet(r.json().get("rejected").asLong());
                        onAccepted.accepted(b, t1);
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
