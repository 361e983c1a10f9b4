package dev.tributary.emulators;

import java.time.Duration;

/**
 * Holds admitted calls while paused, so a test can keep N calls in flight and see what call N+1 gets without
 * depending on timing. Calls are released by {@link #resume()} or after {@link #MAX_HOLD}.
 */
public final class CallGate {

    static final Duration MAX_HOLD = Duration.ofSeconds(60);

    private boolean paused;
    private int held;

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public synchronized int held() {
        return held;
    }

    public synchronized void pass() {
        long deadline = System.nanoTime() + MAX_HOLD.toNanos();
        held++;
        try {
            while (paused) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held--;
        }
    }
}
