package dev.tributary.ingestion.sync;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How connector runs are scheduled, retried and bounded (ADR 0027).
 *
 * @param poll               how often the scheduler looks for due runs and for runs a dead process left running
 * @param threads            runs executing at once in this instance
 * @param leaseTtl           how long a run's lease lives without renewal; a run renews it after every page and every
 *                           {@code leaseTtl / 3} while waiting
 * @param retryAttempts      reads of a page tried on a retriable failure (5xx, timeout, I/O) before the run fails
 * @param initialBackoff     wait before the second attempt; doubled each time
 * @param maxBackoff         longest wait between attempts
 * @param rateLimitedRetries waits a page may take for rate limiting (429, Marketo 606) before the run fails
 * @param maxRateLimitWait   longest single wait a connector's retryAfter may impose
 * @param connectTimeout     HTTP connect timeout of the shared client
 * @param requestTimeout     HTTP request timeout applied to a request that sets none
 * @param schedulerEnabled   whether this instance starts scheduled runs
 */
@Validated
@ConfigurationProperties("cdp.ingestion.connectors")
public record ConnectorProperties(@NotNull @DefaultValue("5s") Duration poll,
                                  @Positive @DefaultValue("2") int threads,
                                  @NotNull @DefaultValue("60s") Duration leaseTtl,
                                  @Positive @DefaultValue("5") int retryAttempts,
                                  @NotNull @DefaultValue("1s") Duration initialBackoff,
                                  @NotNull @DefaultValue("1m") Duration maxBackoff,
                                  @Positive @DefaultValue("10") int rateLimitedRetries,
                                  @NotNull @DefaultValue("5m") Duration maxRateLimitWait,
                                  @NotNull @DefaultValue("10s") Duration connectTimeout,
                                  @NotNull @DefaultValue("60s") Duration requestTimeout,
                                  @DefaultValue("true") boolean schedulerEnabled) {

    /** The wait before attempt {@code attempt + 1}: {@code initialBackoff} doubled each time, at most {@code maxBackoff}. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration delay = initialBackoff.multipliedBy(factor);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
