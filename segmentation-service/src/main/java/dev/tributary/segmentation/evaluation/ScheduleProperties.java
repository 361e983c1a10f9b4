package dev.tributary.segmentation.evaluation;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param pollInterval how often the scheduler looks for segments whose schedule is due
 * @param threads      evaluations that may run at once (never two of the same segment)
 * @param workMem      PostgreSQL {@code work_mem} for the transaction of a full (batch) evaluation: its
 *                     aggregations and hash joins cover the whole population and spill to disk at a
 *                     server default sized for small queries (the seed rule at 300,000 people: 5.5 s
 *                     at 32MB, 3.5 s at 256MB). Per sort or hash node, so a plan may use a few times this.
 */
@Validated
@ConfigurationProperties("cdp.segmentation.schedule")
public record ScheduleProperties(@DefaultValue("15s") @NotNull Duration pollInterval,
                                 @DefaultValue("2") @Min(1) int threads,
                                 @DefaultValue("256MB") @NotNull @Pattern(regexp = "\\d+\\s*(kB|MB|GB)") String workMem) {
}
