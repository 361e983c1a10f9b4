package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.definition.SegmentFailure;
import dev.tributary.segmentation.definition.SegmentHealth;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code segment_failure} table: which segments are failing, why, and when each is retried (ADR 0022). */
@Component
class FailureLog implements SegmentHealth {

    /** Room for PostgreSQL's message and its context, not for the statement text some exceptions carry. */
    static final int MAX_MESSAGE = 2000;

    /** The delay before the next retry after {@code attempts} failures: doubling from the initial backoff, capped. */
    private static final String BACKOFF = """
            least(CAST(:initial_ms AS bigint) * power(2, least(%s, 31) - 1), CAST(:max_ms AS bigint))
                * interval '1 millisecond'""";

    private final JdbcClient jdbc;
    private final FailureRetryProperties properties;

    FailureLog(JdbcClient jdbc, FailureRetryProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** One more failure of the segment; returns how many in a row. */
    int failed(String segmentId, String trigger, Throwable error, Instant now) {
        return jdbc.sql("""
                        INSERT INTO segmentation.segment_failure AS f
                            (segment_id, trigger, message, failed_at, failing_since, attempts, next_attempt_at)
                        VALUES (:segment_id, :trigger, :message, :now, :now, 1, CAST(:now AS timestamptz) + %s)
                        ON CONFLICT (segment_id) DO UPDATE SET trigger = EXCLUDED.trigger, message = EXCLUDED.message,
                            failed_at = EXCLUDED.failed_at, attempts = f.attempts + 1,
                            next_attempt_at = CAST(:now AS timestamptz) + %s
                        RETURNING attempts""".formatted(BACKOFF.formatted("1"), BACKOFF.formatted("f.attempts + 1")))
                .param("segment_id", segmentId).param("trigger", trigger).param("message", message(error))
                .param("now", Timestamp.from(now))
                .param("initial_ms", properties.initialBackoff().toMillis())
                .param("max_ms", properties.maxBackoff().toMillis())
                .query(Integer.class).single();
    }

    /**
     * The segment is decided again as of a full evaluation that started at {@code startedAt}: its failure ends,
     * in that evaluation's transaction, unless it failed again since. Returns the failures it had in a row, 0 if none.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int recovered(String segmentId, Instant startedAt) {
        return jdbc.sql("DELETE FROM segmentation.segment_failure WHERE segment_id = ? AND failed_at <= ? RETURNING attempts")
                .params(segmentId, Timestamp.from(startedAt)).query(Integer.class).optional().orElse(0);
    }

    /**
     * The failing segments whose retry is due, each claimed: its next attempt moves a backoff later, so a retry
     * still queued or running is not requested again.
     */
    List<String> claimDue(Instant now) {
        return jdbc.sql("""
                        UPDATE segmentation.segment_failure f SET next_attempt_at = CAST(:now AS timestamptz) + %s
                        WHERE next_attempt_at <= :now
                          AND EXISTS (SELECT 1 FROM segmentation.segment s WHERE s.id = f.segment_id)
                        RETURNING segment_id""".formatted(BACKOFF.formatted("f.attempts")))
                .param("now", Timestamp.from(now))
                .param("initial_ms", properties.initialBackoff().toMillis())
                .param("max_ms", properties.maxBackoff().toMillis())
                .query(String.class).list();
    }

    /**
     * Whether the segment is failing; after its lock, in a statement of its own, so that it sees the commit of a
     * retry the lock waited for (its snapshot is taken when it starts).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean isFailing(String segmentId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM segmentation.segment_failure WHERE segment_id = ?)")
                .param(segmentId).query(Boolean.class).single();
    }

    List<String> failing() {
        return jdbc.sql("SELECT segment_id FROM segmentation.segment_failure").query(String.class).list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void forget(String segmentId) {
        jdbc.sql("DELETE FROM segmentation.segment_failure WHERE segment_id = ?").param(segmentId).update();
    }

    @Override
    public Map<String, SegmentFailure> failures(Collection<String> segmentIds) {
        if (segmentIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT segment_id, trigger, message, failed_at, attempts, failing_since, next_attempt_at
                        FROM segmentation.segment_failure WHERE segment_id = ANY(:ids)""")
                .param("ids", segmentIds.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString(1), new SegmentFailure(rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant())))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The database's own message when there is one (Spring's wraps it with the whole statement). */
    static String message(Throwable error) {
        Throwable cause = error instanceof DataAccessException d ? d.getMostSpecificCause() : error;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
