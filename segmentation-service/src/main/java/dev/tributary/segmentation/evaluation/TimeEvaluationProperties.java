package dev.tributary.segmentation.evaluation;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Time-dependent rules ({@code in last 30 days}) change their answer without new data.
 *
 * @param recheckInterval how often the entities owning a fact that crossed a window of a time-dependent
 *                        segment since the previous re-check are re-decided, so that members whose facts aged
 *                        out exit (and, under {@code not exists(...)}, people enter)
 * @param fullInterval    how often time-dependent segments are evaluated in full, as a safety net
 */
@Validated
@ConfigurationProperties("cdp.segmentation.time")
public record TimeEvaluationProperties(@DefaultValue("30s") @NotNull Duration recheckInterval,
                                       @DefaultValue("1h") @NotNull Duration fullInterval) {
}
