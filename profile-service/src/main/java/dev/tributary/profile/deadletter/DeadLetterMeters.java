package dev.tributary.profile.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code cdp.profile.dead.letters{status="open"}}: messages profile-service could not apply and nobody replayed yet.
 * An operator alerts on it rising. Read at most every five seconds; NaN while the database does not answer.
 */
@Component
class DeadLetterMeters implements MeterBinder {

    private static final long REUSE_NANOS = Duration.ofSeconds(5).toNanos();

    private final DeadLetterStore store;
    private double open = Double.NaN;
    private long readAt;

    DeadLetterMeters(DeadLetterStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("cdp.profile.dead.letters", this, DeadLetterMeters::open)
                .tag("status", "open").baseUnit("messages")
                .description("Records and events profile-service could not apply, waiting for a replay (GET /v1/dead-letters)")
                .register(registry);
    }

    private synchronized double open() {
        long now = System.nanoTime();
        if (readAt == 0 || now - readAt >= REUSE_NANOS) {
            try {
                open = store.count(DeadLetter.Status.OPEN);
            } catch (RuntimeException e) {
                open = Double.NaN;
            }
            readAt = now;
        }
        return open;
    }
}
