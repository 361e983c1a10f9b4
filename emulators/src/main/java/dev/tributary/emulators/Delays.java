package dev.tributary.emulators;

import java.time.Duration;

/** A slow answer: the emulator's request thread waits, holding its concurrency slot as a slow real call would. */
public final class Delays {

    private Delays() {
    }

    public static void hold(Duration delay) {
        if (delay == null || delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
