package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.language.CompiledSegment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What an evaluation's transaction starts with: the segment's lock and, for a full evaluation, its planner settings. */
@Component
class EvaluationTransactions {

    /** The transaction-scoped advisory lock of the segment {@code :id}. */
    private static final String LOCK = "pg_advisory_xact_lock(hashtextextended('segmentation.evaluation:' || :id, 0))";

    private final JdbcClient jdbc;

    EvaluationTransactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises evaluations of one segment across threads and instances until the transaction ends.
     * An advisory lock rather than a row lock: editing the segment must not wait for an evaluation.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void lock(String segmentId) {
        jdbc.sql("SELECT 1 FROM (SELECT " + LOCK + ") l")
                .param("id", segmentId).query(Integer.class).single();
    }

    /**
     * Planner settings for the rest of the caller's transaction, a full evaluation of {@code rule} that covers
     * everybody ({@link BatchEvaluationProperties}): memory per sort or hash, nested loops, parallel workers, hashed
     * aggregation.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void planFullEvaluation(BatchEvaluationProperties settings, CompiledSegment rule) {
        jdbc.sql("SELECT set_config('work_mem', :workMem, true), set_config('enable_nestloop', :nestedLoops, true),"
                        + " set_config('max_parallel_workers_per_gather', :workers, true), set_config('enable_hashagg', :hashAggregates, true)")
                .param("workMem", settings.workMem())
                .param("nestedLoops", settings.nestedLoops().allowedFor(rule) ? "on" : "off")
                .param("workers", Integer.toString(settings.parallelWorkers()))
                .param("hashAggregates", settings.hashAggregates() ? "on" : "off")
                .query((rs, n) -> rs.getString(1)).single();
    }

    /**
     * {@link #lock} for a re-evaluation of some ids, which also plans the rest of the caller's transaction
     * with its parameter values; one round trip for both, as streaming passes are many and short. A
     * re-evaluation runs the same statement many times, so PostgreSQL would soon switch to a generic plan,
     * which knows nothing of {@code :ids}: it expects ten ids where a Kafka batch brings thousands, and it
     * tests {@code = ANY(:ids)} by a linear search of the array per row where a custom plan hashes the array.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void lockAmong(String segmentId) {
        jdbc.sql("SELECT 1 FROM (SELECT " + LOCK + ", set_config('plan_cache_mode', 'force_custom_plan', true)) l")
                .param("id", segmentId).query(Integer.class).single();
    }
}
