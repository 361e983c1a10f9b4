package dev.tributary.segmentation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** System time plus an offset tests can move, or a frozen instant: time passes without waiting. */
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozen;

    public void advance(Duration by) {
        if (frozen != null) {
            frozen = frozen.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    public void freeze(Instant at) {
        frozen = at;
    }

    public void reset() {
        frozen = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant at = frozen;
        return at != null ? at : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the evaluation clock is UTC");
    }
}
