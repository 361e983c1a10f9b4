package dev.tributary.segmentation.evaluation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code evaluation} table: what ran, when, and what it changed. */
@Component
class EvaluationLog {

    private final JdbcClient jdbc;

    EvaluationLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void queued(String id, String segmentId, String trigger, Instant at) {
        jdbc.sql("INSERT INTO segmentation.evaluation (id, segment_id, trigger, status, started_at) VALUES (?, ?, ?, 'queued', ?)")
                .params(id, segmentId, trigger, java.sql.Timestamp.from(at)).update();
    }

    void running(String id) {
        jdbc.sql("UPDATE segmentation.evaluation SET status = 'running' WHERE id = ?").param(id).update();
    }

    void succeeded(String id, long members, long entered, long exited, Duration took, Instant finishedAt) {
        jdbc.sql("""
                        UPDATE segmentation.evaluation SET status = 'succeeded', members = ?, entered = ?, exited = ?,
                               duration_ms = ?, finished_at = ? WHERE id = ?""")
                .params(members, entered, exited, took.toMillis(), java.sql.Timestamp.from(finishedAt), id).update();
    }

    void failed(String id, String error, Duration took, Instant finishedAt) {
        jdbc.sql("UPDATE segmentation.evaluation SET status = 'failed', error = ?, duration_ms = ?, finished_at = ? WHERE id = ?")
                .params(error, took.toMillis(), java.sql.Timestamp.from(finishedAt), id).update();
    }

    /** Streaming and time re-checks leave a row only when they changed something, for the history to point at. */
    void incremental(String id, String segmentId, String trigger, long entered, long exited, Duration took, Instant at) {
        jdbc.sql("""
                        INSERT INTO segmentation.evaluation (id, segment_id, trigger, status, started_at, finished_at,
                                                             entered, exited, duration_ms)
                        VALUES (?, ?, ?, 'succeeded', ?, ?, ?, ?, ?)""")
                .params(id, segmentId, trigger, java.sql.Timestamp.from(at.minus(took)), java.sql.Timestamp.from(at),
                        entered, exited, took.toMillis())
                .update();
    }

    Optional<EvaluationStatus> find(String segmentId, String id) {
        return jdbc.sql("""
                        SELECT id, segment_id, trigger, status, started_at, finished_at, members, entered, exited,
                               duration_ms, error
                        FROM segmentation.evaluation WHERE segment_id = ? AND id = ?""")
                .params(segmentId, id)
                .query((rs, n) -> new EvaluationStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        (Long) rs.getObject(7), (Long) rs.getObject(8), (Long) rs.getObject(9), (Long) rs.getObject(10),
                        rs.getString(11)))
                .optional();
    }

    /**
     * Segments with a schedule whose last requested evaluation is older than it, and time-dependent
     * segments not evaluated in full for {@code fullInterval}.
     */
    List<String> due(List<String> candidates, List<Duration> intervals, Instant now) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT c.id FROM unnest(CAST(:ids AS text[]), CAST(:seconds AS bigint[])) AS c(id, seconds)
                        WHERE NOT EXISTS (
                            SELECT 1 FROM segmentation.evaluation v
                            WHERE v.segment_id = c.id AND v.trigger NOT IN ('streaming', 'recheck', 'dependency')
                              AND v.started_at > CAST(:now AS timestamptz) - c.seconds * interval '1 second')""")
                .param("ids", candidates.toArray(String[]::new))
                .param("seconds", intervals.stream().mapToLong(Duration::toSeconds).boxed().toArray(Long[]::new))
                .param("now", java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
                .query(String.class).list();
    }
}
