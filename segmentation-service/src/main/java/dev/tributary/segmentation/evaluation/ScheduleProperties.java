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
 *                     aggregations and hash joins cover the whole population. Per sort or hash node, so a plan
 *                     may use a few times this. 256MB until the twelfth session, when it held the seed rule's
 *                     1M won totals in one 417 MB hash table: 5.0 to 6.1 s at 1M people, 3.4 to 3.6 s at 64MB,
 *                     where the aggregation spills in batches (16MB and 32MB: as fast, within the noise).
 * @param nestedLoops  when a full evaluation may plan nested loops. By default only for rules without
 *                     aggregates: PostgreSQL cannot estimate how many people pass an aggregate's {@code HAVING}
 *                     (67 guessed, 342,460 real for the seed rule at 1M people) and then probes the events
 *                     index once per person (20 s against 3.5 s with hash joins, twelfth session). A rule
 *                     without one joins small sets best with them: S6 excludes the members of one list by its
 *                     index, 146 to 191 ms, against 217 to 263 ms by a hash join over all list members.
 *                     Streaming re-evaluations of a few ids always may.
 * @param parallelWorkers PostgreSQL {@code max_parallel_workers_per_gather} for a full evaluation: 0 by default, on
 *                     one core beside streaming work. On 2 cores the workers compete with their own leader: at 1M
 *                     people S2 took 146 to 240 ms with 2 and 110 to 118 ms with 0, and no bench segment was
 *                     faster with 2 beyond the noise (S3 2.3 s against 2.5 to 2.7 s, twelfth session; when the
 *                     plans were worse, in the seventh, S3 took 3.7 s with 2 and 6.7 s with 0). Raise it on more
 *                     cores.
 * @param hashAggregates whether a full evaluation may plan hashed aggregations and set operations
 *                     ({@code enable_hashagg}). On by default. Off, at 1M people: the seed rule 4.6 s instead of
 *                     5.3 to 6.5 s (sorted groups), but S5 2.1 s instead of 0.8 s and S6 0.63 s instead of
 *                     0.43 to 0.46 s (eleventh session, {@code docs/benchmarks.md}).
 * @param analyzeAfterChanges a full evaluation that changed at least this many memberships analyses the
 *                     membership table once it has committed; 0 never does. Until then PostgreSQL plans with the
 *                     table's old statistics: at 1M people, S3's next evaluation took 4.2 to 6.0 s after its first
 *                     evaluation entered 800,000 people, 3.0 s after an {@code ANALYZE} of 0.28 s (twelfth session).
 *                     Autovacuum analyses too, a minute or more later.
 * @param queueCapacity evaluations asked for through the API ({@code POST /v1/segments/{id}/evaluations}) are
 *                     refused with 429 while this many evaluations wait for a thread (ADR 0022); the service's own
 *                     are never refused
 * @param queueRetryAfter the {@code Retry-After} of that 429
 */
@Validated
@ConfigurationProperties("cdp.segmentation.schedule")
public record ScheduleProperties(@DefaultValue("15s") @NotNull Duration pollInterval,
                                 @DefaultValue("2") @Min(1) int threads,
                                 @DefaultValue("64MB") @NotNull @Pattern(regexp = "\\d+\\s*(kB|MB|GB)") String workMem,
                                 @DefaultValue("without-aggregates") @NotNull NestedLoops nestedLoops,
                                 @DefaultValue("0") @Min(0) int parallelWorkers,
                                 @DefaultValue("true") boolean hashAggregates,
                                 @DefaultValue("10000") @Min(0) int analyzeAfterChanges,
                                 @DefaultValue("16") @Min(0) int queueCapacity,
                                 @DefaultValue("30s") @NotNull Duration queueRetryAfter) {
}
