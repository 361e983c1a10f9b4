package dev.tributary.activation.marketo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;

/**
 * Keeps one Marketo instance's calls within its limits: at most {@code maxConcurrent} in flight, and at most
 * {@code perWindow} in any window. A call occupies the window from its start until {@code window} after its
 * answer: Marketo counts it when it arrives, at some point in between, so two calls the server sees less than a
 * window apart were always both counted here.
 */
final class CallLimiter {

    private final int perWindow;
    private final long windowNanos;
    private final Semaphore inFlight;
    private final Deque<Long> finished = new ArrayDeque<>();
    private int running;

    CallLimiter(int perWindow, long windowNanos, int maxConcurrent) {
        this.perWindow = perWindow;
        this.windowNanos = windowNanos;
        this.inFlight = new Semaphore(maxConcurrent, true);
    }

    void acquire() throws InterruptedException {
        inFlight.acquire();
        try {
            synchronized (this) {
                while (true) {
                    long now = System.nanoTime();
                    while (!finished.isEmpty() && now - finished.peekFirst() >= windowNanos) {
                        finished.pollFirst();
                    }
                    if (finished.size() + running < perWindow) {
                        running++;
                        return;
                    }
                    long waitNanos = finished.isEmpty() ? windowNanos : windowNanos - (now - finished.peekFirst());
                    long millis = Math.max(1, waitNanos / 1_000_000);
                    wait(millis);
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    void release() {
        synchronized (this) {
            running--;
            finished.addLast(System.nanoTime());
            notifyAll();
        }
        inFlight.release();
    }
}
