package dev.tributary.ingestion;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param maxBatchBytes largest NDJSON batch body accepted; a batch is held in memory until every line
 *                      is validated, because nothing of an oversize or non-NDJSON body may be published
 * @param publishTimeout how long a request waits for Kafka to acknowledge everything it sent
 */
@Validated
@ConfigurationProperties("cdp.ingestion")
public record IngestionProperties(@NotNull @DefaultValue("64MB") DataSize maxBatchBytes,
                                  @NotNull @DefaultValue("30s") Duration publishTimeout) {

    @AssertTrue(message = "must be positive")
    public boolean isMaxBatchBytesPositive() {
        return maxBatchBytes == null || maxBatchBytes.toBytes() > 0;
    }

    @AssertTrue(message = "must be positive")
    public boolean isPublishTimeoutPositive() {
        return publishTimeout == null || !(publishTimeout.isNegative() || publishTimeout.isZero());
    }
}
