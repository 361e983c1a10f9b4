package dev.tributary.ingestion.batch;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How a batch's {@code applied} count is found (ADR 0020).
 *
 * @param consumerGroup the consumer group of profile-service's record listener, whose committed offsets say what it applied
 * @param cacheFor how long one answer of the broker about those offsets serves every batch status asked meanwhile
 * @param timeout how long a batch status waits for that answer; without one, {@code applied} is null
 */
@Validated
@ConfigurationProperties("cdp.ingestion.applied")
public record AppliedCountProperties(@NotBlank @DefaultValue("profile-service") String consumerGroup,
                                @NotNull @DefaultValue("1s") Duration cacheFor,
                                @NotNull @DefaultValue("2s") Duration timeout) {
}
