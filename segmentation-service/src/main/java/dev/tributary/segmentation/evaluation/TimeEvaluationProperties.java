package dev.tributary.segmentation.evaluation;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Time-dependent rules ({@code in last 30 days}) change their answer without new data.
 *
 * @param recheckInterval how often current members of time-dependent segments are re-checked, so that
 *                        members whose facts aged out exit
 * @param fullInterval    how often time-dependent segments are evaluated in full, to catch those who
 *                        enter as time passes (a window that starts later, {@code not exists(...)})
 */
@Validated
@ConfigurationProperties("cdp.segmentation.time")
public record TimeEvaluationProperties(@DefaultValue("30s") @NotNull Duration recheckInterval,
                                       @DefaultValue("1h") @NotNull Duration fullInterval) {
}
