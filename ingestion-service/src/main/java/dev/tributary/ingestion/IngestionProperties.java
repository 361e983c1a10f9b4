package dev.tributary.ingestion;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The door rules and limits of ADR 0023.
 *
 * @param maxBatchBytes                largest NDJSON batch body accepted; a batch is held in memory until every line
 *                                     is validated, because nothing of an oversize or non-NDJSON body may be published
 * @param maxBatchLines                most lines (blank ones included) a batch may have; more is 413
 * @param maxEventsBytes               largest {@code POST /v1/events} body
 * @param maxRejectedLines             rejected lines of a batch stored and returned; the rest are only counted
 * @param rejectedContentRetention     how long a rejected line keeps its content; line number and errors stay
 * @param rejectedContentPurgeInterval how often content past its retention is purged
 * @param futureTolerance              how far ahead of this service's clock a record's lastUpdatedDate may be
 * @param maxMessageBytes              largest Kafka message (key and enveloped value, uncompressed) a record or event
 *                                     may become; a larger one is rejected, as the producer would refuse it and fail
 *                                     the whole request. Keep it below the producer's max.request.size and the
 *                                     topics' max.message.bytes (1 MB by default)
 * @param publishTimeout               how long a request waits for Kafka to acknowledge everything it sent
 */
@Validated
@ConfigurationProperties("cdp.ingestion")
public record IngestionProperties(@NotNull @DefaultValue("64MB") DataSize maxBatchBytes,
                                  @Positive @DefaultValue("100000") int maxBatchLines,
                                  @NotNull @DefaultValue("16MB") DataSize maxEventsBytes,
                                  @Positive @DefaultValue("1000") int maxRejectedLines,
                                  @NotNull @DefaultValue("7d") Duration rejectedContentRetention,
                                  @NotNull @DefaultValue("1h") Duration rejectedContentPurgeInterval,
                                  @NotNull @DefaultValue("5m") Duration futureTolerance,
                                  @NotNull @DefaultValue("1000KB") DataSize maxMessageBytes,
                                  @NotNull @DefaultValue("30s") Duration publishTimeout) {

    @AssertTrue(message = "every size must be positive")
    public boolean isEverySizePositive() {
        return positive(maxBatchBytes) && positive(maxEventsBytes) && positive(maxMessageBytes);
    }

    @AssertTrue(message = "publish-timeout, rejected-content-retention and rejected-content-purge-interval must be positive")
    public boolean isEveryDurationPositive() {
        return positive(publishTimeout) && positive(rejectedContentRetention) && positive(rejectedContentPurgeInterval);
    }

    @AssertTrue(message = "future-tolerance must not be negative")
    public boolean isFutureToleranceNotNegative() {
        return futureTolerance == null || !futureTolerance.isNegative();
    }

    private static boolean positive(DataSize size) {
        return size == null || size.toBytes() > 0;
    }

    private static boolean positive(Duration duration) {
        return duration == null || !(duration.isNegative() || duration.isZero());
    }
}
