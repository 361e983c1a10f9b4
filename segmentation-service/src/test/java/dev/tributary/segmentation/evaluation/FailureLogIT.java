package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.SegmentationIntegrationTest;
import dev.tributary.segmentation.definition.SegmentFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The backoff of a failing segment's retries, and what ends a failure (ADR 0022). */
@SegmentationIntegrationTest
class FailureLogIT {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    FailureLog failures;
    @Autowired
    FailureRetryProperties properties;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    private final String segmentId = "failing-" + UUID.randomUUID();

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM segmentation.segment_failure WHERE segment_id = ?").param(segmentId).update();
    }

    @Test
    void shouldDoubleTheWaitAfterEachFailureInARowUpToTheMaximum() {
        assertThat(properties.initialBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.maxBackoff()).isEqualTo(Duration.ofMinutes(30));
        List<Duration> waits = new ArrayList<>();
        Instant now = T0;
        for (int attempt = 1; attempt <= 9; attempt++) {
            assertThat(failures.failed(segmentId, "streaming", new IllegalStateException("boom " + attempt), now)).isEqualTo(attempt);
            SegmentFailure failure = failures.failures(List.of(segmentId)).get(segmentId);
            waits.add(Duration.between(failure.at(), failure.nextAttemptAt()));
            now = failure.nextAttemptAt();
        }

        assertThat(waits).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(30),
                Duration.ofMinutes(30), Duration.ofMinutes(30));
        SegmentFailure last = failures.failures(List.of(segmentId)).get(segmentId);
        assertThat(last.failingSince()).isEqualTo(T0);
        assertThat(last.message()).isEqualTo("boom 9");
        assertThat(last.attempts()).isEqualTo(9);
    }

    @Test
    void shouldEndAFailureOnlyByAFullEvaluationThatStartedAfterIt() {
        failures.failed(segmentId, "streaming", new IllegalStateException("boom"), T0);

        Integer tooEarly = tx.execute(s -> failures.recovered(segmentId, T0.minusSeconds(1)));
        assertThat(tooEarly).isZero();
        assertThat(failures.failures(List.of(segmentId))).containsKey(segmentId);
        Integer after = tx.execute(s -> failures.recovered(segmentId, T0.plusSeconds(1)));
        assertThat(after).isEqualTo(1);
        assertThat(failures.failures(List.of(segmentId))).isEmpty();
    }

    @Test
    void shouldKeepOnlyTheDatabasesOwnMessageBounded() {
        String message = FailureLog.message(new IllegalStateException("x".repeat(5_000)));

        assertThat(message).hasSize(FailureLog.MAX_MESSAGE + 1).endsWith("…");
    }
}
