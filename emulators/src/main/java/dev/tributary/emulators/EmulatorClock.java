package dev.tributary.emulators;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** System time plus an offset that tests and the inspection API move forward; frozen, only the offset moves. */
public final class EmulatorClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> frozenAt = new AtomicReference<>();

    public EmulatorClock() {
        this(Clock.systemUTC());
    }

    EmulatorClock(Clock base) {
        this.base = base;
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the emulator clock only moves forward");
        }
        offset.updateAndGet(current -> current.plus(by));
    }

    /** Stops time where it is: from now on only {@link #advance(Duration)} moves it. */
    public void freeze() {
        frozenAt.compareAndSet(null, base.instant());
    }

    public boolean frozen() {
        return frozenAt.get() != null;
    }

    /** Back to running system time, with no offset. */
    public void reset() {
        frozenAt.set(null);
        offset.set(Duration.ZERO);
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the emulator clock is UTC");
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt.get();
        return (frozen != null ? frozen : base.instant()).plus(offset.get());
    }
}
