package dev.tributary.segmentation.membership;

import dev.tributary.segmentation.definition.SegmentDefinition;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.support.outbox.OutboxWriter;
import dev.tributary.xdm.audience.v1.MembershipChanged;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one statement family behind every evaluation, batch or streaming: the qualifying set is
 * computed by the compiled rule, diffed against active membership in SQL, and the differences are
 * written as membership, history, member counts and outbox messages in the caller's transaction. Batch and
 * streaming differ only in the {@link Candidates}, so they cannot disagree: a full evaluation reads its changes with
 * one statement and writes them with another, a re-evaluation among ids does both in one (ADR 0014). The only
 * writer of the membership tables and of the audience outbox (ADR 0032); the caller holds the segment's lock.
 */
@Component
public class MembershipDiff {

    /** Who qualifies when a segment is deleted: nobody, so every member exits. */
    private static final String NOBODY = "SELECT CAST(NULL AS text) AS entity_id WHERE false";

    public record Change(String entityId, String change) {

        public boolean entered() {
            return change.equals("entered");
        }
    }

    /**
     * The {@link Envelope} of a {@link MembershipChanged} for a row of {@code changes}, written by the diff statement
     * itself, so an evaluation that 800,000 people enter does not ship them to Java and back as envelopes (ADR 0013).
     * {@code BatchEvaluationIT} reads it back as the Java
     * records and compares its fields with an envelope Jackson writes, so the two cannot drift apart.
     */
    private static final String MESSAGE = """
            json_build_object('id', gen_random_uuid(), 'type', :envelope_type, 'schemaVersion', :schema_version,
                              'time', :occurred_at, 'key', :segment_id || ':' || entity_id,
                              'payload', json_build_object('segmentId', :segment_id, 'audience', :audience,
                                                           'entityId', entity_id, 'change', change,
                                                           'occurredAt', :occurred_at, 'evaluationId', :evaluation_id))::text""";

    private final JdbcClient jdbc;
    private final OutboxWriter outbox;

    MembershipDiff(JdbcClient jdbc, OutboxWriter outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<Change> apply(SegmentDefinition segment, CompiledSegment compiled, Candidates scope, String evaluationId,
                              Instant now) {
        String qualifying = scope.restricted() ? compiled.selectAmong() : compiled.selectRepeating();
        return apply(segment, qualifying, !scope.restricted() && compiled.repeats(), compiled.parameters(), scope,
                evaluationId, now);
    }

    /**
     * @param qualifyingSql names each qualifying entity, in column {@code entity_id}: once, or more than once when
     *                      {@code repeating} ({@link CompiledSegment#selectRepeating}). The diff is one
     *                      full join of it with the segment's stored memberships, active or not, without
     *                      de-duplicating the members first or a second pass, which cost far more than the join (ADR 0014).
     * @param repeating     the changes are de-duplicated: an entity named twice and not stored yields two equal rows
     */
    private List<Change> apply(SegmentDefinition segment, String qualifyingSql, boolean repeating,
                               Map<String, Object> ruleParameters, Candidates scope, String evaluationId, Instant now) {
        String diff = """
                SELECT %s coalesce(q.entity_id, s.entity_id) AS entity_id,
                       CASE WHEN q.entity_id IS NULL THEN 'exited' ELSE 'entered' END AS change,
                       s.entity_id IS NOT NULL AS was_stored
                FROM (%s) q FULL JOIN (
                    SELECT m.entity_id, m.active FROM segmentation.membership m WHERE m.segment_id = :segment_id %s) s
                  ON s.entity_id = q.entity_id
                WHERE (q.entity_id IS NULL AND s.active) OR (q.entity_id IS NOT NULL AND s.active IS NOT TRUE)"""
                .formatted(repeating ? "DISTINCT" : "", qualifyingSql, scope.restricted() ? "AND m.entity_id = ANY(:ids)" : "");
        Map<String, Object> params = new HashMap<>(ruleParameters);
        params.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        params.put("segment_id", segment.id());
        if (scope.restricted()) {
            params.put("ids", scope.ids());
            // one round trip: streaming passes are many and re-decide few ids
            return write(diff, params, segment, evaluationId, now);
        }
        // A full evaluation reads first: PostgreSQL never runs a statement that writes with parallel workers, which the
        // rule's scans and the join may use when parallel-workers allows them (ADR 0014; off by default, ADR 0015).
        List<String> ids = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<Boolean> stored = new ArrayList<>();
        jdbc.sql(diff).params(params).query(rs -> {
            ids.add(rs.getString(1));
            kinds.add(rs.getString(2));
            stored.add(rs.getBoolean(3));
        });
        if (ids.isEmpty()) {
            return List.of();
        }
        params.put("changed_ids", ids.toArray(String[]::new));
        params.put("changed_kinds", kinds.toArray(String[]::new));
        params.put("changed_stored", stored.toArray(Boolean[]::new));
        return write("""
                SELECT * FROM unnest(CAST(:changed_ids AS text[]), CAST(:changed_kinds AS text[]), CAST(:changed_stored AS boolean[]))
                    AS c(entity_id, change, was_stored)""", params, segment, evaluationId, now);
    }

    /**
     * Writes the changes that {@code changesSql} names (columns {@code entity_id}, {@code change}, {@code was_stored})
     * as membership, history, the segment's member count and outbox messages, in one statement. Entities never
     * stored are inserted plainly: the segment's lock keeps any other writer out, and {@code ON CONFLICT} costs about
     * half as much again per row (ADR 0013). Re-entries and exits are updated by key from an
     * array: joined to the membership table with nested loops off (a full evaluation), they scanned all of it, every
     * segment's rows, even when nobody exited.
     */
    private List<Change> write(String changesSql, Map<String, Object> params, SegmentDefinition segment,
                               String evaluationId, Instant now) {
        String sql = """
                WITH changes AS MATERIALIZED (%s),
                inserted AS (
                    INSERT INTO segmentation.membership (segment_id, entity_id, active, since, updated_at)
                    SELECT :segment_id, entity_id, true, CAST(:now AS timestamptz), CAST(:now AS timestamptz)
                    FROM changes WHERE change = 'entered' AND NOT was_stored),
                reentered AS (
                    UPDATE segmentation.membership m
                    SET active = true, since = CAST(:now AS timestamptz), updated_at = CAST(:now AS timestamptz)
                    WHERE m.segment_id = :segment_id
                      AND m.entity_id = ANY(ARRAY(SELECT x.entity_id FROM changes x WHERE x.change = 'entered' AND x.was_stored))),
                deactivated AS (
                    UPDATE segmentation.membership m SET active = false, updated_at = CAST(:now AS timestamptz)
                    WHERE m.segment_id = :segment_id
                      AND m.entity_id = ANY(ARRAY(SELECT x.entity_id FROM changes x WHERE x.change = 'exited'))),
                history AS (
                    INSERT INTO segmentation.membership_history (segment_id, entity_id, change, at, evaluation_id)
                    SELECT :segment_id, entity_id, change, CAST(:now AS timestamptz), :evaluation_id FROM changes
                    ORDER BY entity_id, change),
                counted AS (
                    INSERT INTO segmentation.membership_count AS n (segment_id, active)
                    SELECT :segment_id, count(*) FILTER (WHERE change = 'entered') - count(*) FILTER (WHERE change = 'exited')
                    FROM changes HAVING count(*) > 0
                    ON CONFLICT (segment_id) DO UPDATE SET active = n.active + EXCLUDED.active),
                outboxed AS (
                    INSERT INTO %s (topic, message_key, payload)
                    SELECT :topic, :segment_id || ':' || entity_id, %s FROM changes
                    ORDER BY entity_id, change)
                SELECT entity_id, change FROM changes ORDER BY entity_id, change
                """.formatted(changesSql, outbox.table(), MESSAGE);
        params.put("evaluation_id", evaluationId);
        params.put("topic", Topics.AUDIENCE_CHANGES.name());
        params.put("envelope_type", Topics.AUDIENCE_CHANGES.envelopeType());
        params.put("schema_version", Envelope.SCHEMA_VERSION);
        params.put("audience", segment.audienceName());
        params.put("occurred_at", now.toString());
        List<Change> changes = jdbc.sql(sql).params(params)
                .query((rs, n) -> new Change(rs.getString(1), rs.getString(2))).list();
        if (!changes.isEmpty()) {
            outbox.appended();
        }
        return changes;
    }

    /**
     * Analyses the membership table after a full evaluation changed many memberships, so the next one plans with
     * the table as it now is. Not {@code VACUUM}: run right after the commit, it could not mark the new rows visible
     * to all while other transactions were open, and it resets the count of inserts by which autovacuum would have
     * come back to do so (ADR 0015).
     */
    public void settle() {
        jdbc.sql("ANALYZE segmentation.membership").update();
    }

    /**
     * Exits every member of a segment being deleted, then removes its membership, history and member count, in the
     * transaction deleting it, under its lock (their tables have no foreign key to the segment: see migration V2).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void exitAllAndForget(SegmentDefinition segment, String evaluationId, Instant now) {
        apply(segment, NOBODY, false, Map.of(), Candidates.ALL, evaluationId, now);
        String segmentId = segment.id();
        jdbc.sql("DELETE FROM segmentation.membership WHERE segment_id = ?").param(segmentId).update();
        jdbc.sql("DELETE FROM segmentation.membership_history WHERE segment_id = ?").param(segmentId).update();
        jdbc.sql("DELETE FROM segmentation.membership_count WHERE segment_id = ?").param(segmentId).update();
    }

    public List<String> activeMemberIds(String segmentId) {
        return jdbc.sql("SELECT entity_id FROM segmentation.membership WHERE segment_id = ? AND active")
                .param(segmentId).query(String.class).list();
    }
}
