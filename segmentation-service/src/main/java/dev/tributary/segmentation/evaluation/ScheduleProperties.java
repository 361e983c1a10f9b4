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
 * @param nestedLoops  whether a full evaluation may plan nested loops. Off by default: PostgreSQL cannot
 *                     estimate how many people pass an aggregate's {@code HAVING} (67 guessed, 342,460 real
 *                     for the seed rule at 1M people) and then probes the events index once per person
 *                     (29 s) where hash joins over the whole population take 17 s, as fast as the
 *                     hand-written query. Streaming re-evaluations of a few ids keep them.
 * @param parallelWorkers PostgreSQL {@code max_parallel_workers_per_gather} for a full evaluation: 2, the server's
 *                     default. At 1M people on 2 cores every bench segment was faster with 2 than with 0 (S3
 *                     3.7 s instead of 6.7 s, S4 0.38 s instead of 0.60 s, the seed 7.2 s instead of 7.6 s);
 *                     0 keeps a full evaluation on one core beside streaming work.
 * @param hashAggregates whether a full evaluation may plan hashed aggregations and set operations
 *                     ({@code enable_hashagg}). On by default. Off, at 1M people: the seed rule 4.6 s instead of
 *                     5.3 to 6.5 s (sorted groups), but S5 2.1 s instead of 0.8 s and S6 0.63 s instead of
 *                     0.43 to 0.46 s (eleventh session, {@code docs/benchmarks.md}).
 * @param analyzeAfterChanges a full evaluation that changed at least this many memberships analyses the
 *                     membership table once it has committed; 0 never does. Until then PostgreSQL plans with the
 *                     table's old statistics: at 1M people, S3's next evaluation took 4.2 to 6.0 s after its first
 *                     evaluation entered 800,000 people, 3.0 s after an {@code ANALYZE} of 0.28 s (twelfth session).
 *                     Autovacuum analyses too, a minute or more later.
 */
@Validated
@ConfigurationProperties("cdp.segmentation.schedule")
public record ScheduleProperties(@DefaultValue("15s") @NotNull Duration pollInterval,
                                 @DefaultValue("2") @Min(1) int threads,
                                 @DefaultValue("256MB") @NotNull @Pattern(regexp = "\\d+\\s*(kB|MB|GB)") String workMem,
                                 @DefaultValue("false") boolean nestedLoops,
                                 @DefaultValue("2") @Min(0) int parallelWorkers,
                                 @DefaultValue("true") boolean hashAggregates,
                                 @DefaultValue("10000") @Min(0) int analyzeAfterChanges) {
}
