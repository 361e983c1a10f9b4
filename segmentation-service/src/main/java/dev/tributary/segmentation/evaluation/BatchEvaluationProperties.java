package dev.tributary.segmentation.evaluation;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How full evaluations are scheduled, queued and planned; the prefix {@code cdp.segmentation.schedule} is kept so
 * configurations stay valid.
 *
 * @param pollInterval how often the scheduler looks for segments whose schedule is due
 * @param threads      evaluations that may run at once (never two of the same segment)
 * @param workMem      PostgreSQL {@code work_mem} for the transaction of a full (batch) evaluation: its
 *                     aggregations and hash joins cover the whole population. Per sort or hash node, so a plan
 *                     may use a few times this; at 64MB the seed rule's aggregation spills in batches and runs
 *                     faster than in one large hash table (ADR 0015).
 * @param nestedLoops  when a full evaluation may plan nested loops. By default only for rules without
 *                     aggregates: PostgreSQL cannot estimate how many people pass an aggregate's {@code HAVING}
 *                     and would probe the events index once per person; rules without one join small sets best
 *                     with them (ADR 0015). Streaming re-evaluations of a few ids always may.
 * @param parallelWorkers PostgreSQL {@code max_parallel_workers_per_gather} for a full evaluation: 0 by default,
 *                     because on 2 cores the workers compete with their own leader and streaming work (ADR 0015).
 *                     Raise it on more cores.
 * @param hashAggregates whether a full evaluation may plan hashed aggregations and set operations
 *                     ({@code enable_hashagg}). On by default: off, the seed rule runs a little faster and the
 *                     set-operation segments several times slower.
 * @param analyzeAfterChanges a full evaluation that changed at least this many memberships analyses the
 *                     membership table once it has committed, so the next plan sees the new row counts before
 *                     autovacuum would (ADR 0015); 0 never does.
 * @param queueCapacity evaluations asked for through the API ({@code POST /v1/segments/{id}/evaluations}) are
 *                     refused with 429 while this many evaluations wait for a thread (ADR 0022); the service's own
 *                     are never refused
 * @param queueRetryAfter the {@code Retry-After} of that 429
 */
@Validated
@ConfigurationProperties("cdp.segmentation.schedule")
public record BatchEvaluationProperties(@DefaultValue("15s") @NotNull Duration pollInterval,
                                 @DefaultValue("2") @Min(1) int threads,
                                 @DefaultValue("64MB") @NotNull @Pattern(regexp = "\\d+\\s*(kB|MB|GB)") String workMem,
                                 @DefaultValue("without-aggregates") @NotNull NestedLoops nestedLoops,
                                 @DefaultValue("0") @Min(0) int parallelWorkers,
                                 @DefaultValue("true") boolean hashAggregates,
                                 @DefaultValue("10000") @Min(0) int analyzeAfterChanges,
                                 @DefaultValue("16") @Min(0) int queueCapacity,
                                 @DefaultValue("30s") @NotNull Duration queueRetryAfter) {
}
