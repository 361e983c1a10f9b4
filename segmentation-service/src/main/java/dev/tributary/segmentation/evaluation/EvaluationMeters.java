package dev.tributary.segmentation.evaluation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code cdp.segmentation.evaluation{segment, trigger}}: time to evaluate one segment, in its transaction
 * ({@code batch}: everybody; {@code streaming}, {@code recheck}, {@code dependency}: some ids). One series per segment:
 * segments are tens, not millions. {@code cdp.segmentation.streaming.latency}: from the profile change
 * ({@code occurredAt}, the commit of profile-service's batch) to the commit of the membership changes it caused, which
 * wakes the outbox relay that publishes them; one sample per streaming pass that changed a membership, from the oldest
 * change of its batch.
 */
@Component
class EvaluationMeters {

    private final MeterRegistry registry;
    private final Timer streamingLatency;

    EvaluationMeters(MeterRegistry registry) {
        this.registry = registry;
        this.streamingLatency = Timer.builder("cdp.segmentation.streaming.latency")
                .description("Profile change to the membership changes it caused, committed for publication")
                .register(registry);
    }

    void evaluated(String segmentId, String trigger, long nanos) {
        Timer.builder("cdp.segmentation.evaluation").tag("segment", segmentId).tag("trigger", trigger)
                .description("Time to evaluate a segment").register(registry)
                .record(Duration.ofNanos(nanos));
    }

    void streamed(Instant oldestChange) {
        streamingLatency.record(Duration.between(oldestChange, Instant.now()));
    }
}
