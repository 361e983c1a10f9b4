package dev.tributary.segmentation.evaluation;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param pollInterval how often the scheduler looks for segments whose schedule is due
 * @param threads      evaluations that may run at once (never two of the same segment)
 */
@Validated
@ConfigurationProperties("cdp.segmentation.schedule")
public record ScheduleProperties(@DefaultValue("15s") @NotNull Duration pollInterval,
                                 @DefaultValue("2") @Min(1) int threads) {
}
