package dev.tributary.segmentation.evaluation;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Retries of a failing segment (ADR 0022): a full evaluation after {@code initialBackoff}, then after twice as
 * long each time it fails again, never more than {@code maxBackoff} apart. Due retries are requested with the
 * due schedules, every {@code cdp.segmentation.schedule.poll-interval}.
 *
 * @param initialBackoff wait before the first retry
 * @param maxBackoff     longest wait between two retries
 */
@Validated
@ConfigurationProperties("cdp.segmentation.failure")
public record FailureRetryProperties(@DefaultValue("30s") @NotNull Duration initialBackoff,
                                @DefaultValue("30m") @NotNull Duration maxBackoff) {
}
