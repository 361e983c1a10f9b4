package dev.tributary.activation.delivery;

import dev.tributary.xdm.audience.v1.MembershipChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery ledger: per activation and person, what the audience wants and what the destination holds. A
 * change applies only when newer than the one the row holds, so replays and reordering change nothing; a row is
 * {@code pending} until a delivery run has made the destination agree with it (ADR 0026).
 */
@Component
class Ledger {

    record Row(String personId, boolean wanted, Instant changedAt, boolean inDestination, String leadId) {
    }

    /** What a delivery run learnt about a row: the destination's side always, the status only if no newer change came. */
    record Outcome(Row row, boolean inDestination, String leadId, String status, String reason) {
    }

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Applies membership changes to the activations of their segments; returns the rows made pending. */
    @Transactional
    public int record(Collection<MembershipChanged> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        // one change per segment and person, the newest: a row can be written once per statement
        Map<String, MembershipChanged> newest = new LinkedHashMap<>();
        for (MembershipChanged c : changes) {
            newest.merge(c.segmentId() + "\u0000" + c.entityId(), c,
                    (a, b) -> b.occurredAt().isBefore(a.occurredAt()) ? a : b);
        }
        int n = newest.size();
        String[] segments = new String[n];
        String[] ids = new String[n];
        Boolean[] wanted = new Boolean[n];
        Timestamp[] at = new Timestamp[n];
        int i = 0;
        for (MembershipChanged c : newest.values()) {
            segments[i] = c.segmentId();
            ids[i] = c.entityId();
            wanted[i] = "entered".equals(c.change());
            at[i] = Timestamp.from(c.occurredAt());
            i++;
        }
        // changes older than the activation are already in its backfill, which read the members after it was created
        return jdbc.sql("""
                INSERT INTO activation.ledger AS l (activation_id, person_id, wanted, changed_at, status, updated_at)
                SELECT a.id, c.entity_id, c.wanted, c.at, 'pending', now()
                FROM unnest(CAST(:segments AS text[]), CAST(:ids AS text[]), CAST(:wanted AS boolean[]),
                            CAST(:at AS timestamptz[])) AS c(segment_id, entity_id, wanted, at)
                JOIN activation.activation a ON a.segment_id = c.segment_id AND a.status IN ('starting', 'active')
                                             AND c.at >= a.created_at
                ON CONFLICT (activation_id, person_id) DO UPDATE
                    SET wanted = EXCLUDED.wanted, changed_at = EXCLUDED.changed_at, status = 'pending', reason = NULL,
                        updated_at = now()
                    WHERE l.changed_at < EXCLUDED.changed_at""")
                .param("segments", segments).param("ids", ids).param("wanted", wanted).param("at", at).update();
    }

    /** The current members read by a backfill; each is wanted as of when it entered, unless a newer change is known. */
    @Transactional
    public int backfill(UUID activationId, List<String> personIds, List<Instant> since) {
        if (personIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                INSERT INTO activation.ledger AS l (activation_id, person_id, wanted, changed_at, status, updated_at)
                SELECT :activation, m.id, true, m.since, 'pending', now()
                FROM unnest(CAST(:ids AS text[]), CAST(:since AS timestamptz[])) AS m(id, since)
                ON CONFLICT (activation_id, person_id) DO UPDATE
                    SET wanted = true, changed_at = EXCLUDED.changed_at, status = 'pending', reason = NULL, updated_at = now()
                    WHERE l.changed_at < EXCLUDED.changed_at""")
                .param("activation", activationId).param("ids", personIds.toArray(String[]::new))
                .param("since", since.stream().map(Timestamp::from).toArray(Timestamp[]::new)).update();
    }

    public List<Row> pending(UUID activationId, int limit) {
        return jdbc.sql("""
                SELECT person_id, wanted, changed_at, in_destination, lead_id FROM activation.ledger
                WHERE activation_id = ? AND status = 'pending' ORDER BY person_id LIMIT ?""")
                .param(activationId).param(limit)
                .query((rs, n) -> new Row(rs.getString(1), rs.getBoolean(2), rs.getTimestamp(3).toInstant(),
                        rs.getBoolean(4), rs.getString(5))).list();
    }

    @Transactional
    public void apply(UUID activationId, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        int n = outcomes.size();
        String[] ids = new String[n];
        Timestamp[] read = new Timestamp[n];
        Boolean[] inDestination = new Boolean[n];
        String[] leads = new String[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.row().personId();
            read[i] = Timestamp.from(o.row().changedAt());
            inDestination[i] = o.inDestination();
            leads[i] = o.leadId();
            statuses[i] = o.status();
            reasons[i] = o.reason();
        }
        jdbc.sql("""
                UPDATE activation.ledger l
                SET in_destination = o.in_destination, lead_id = o.lead_id,
                    status = CASE WHEN l.changed_at = o.read_at THEN o.status ELSE 'pending' END,
                    reason = CASE WHEN l.changed_at = o.read_at THEN o.reason END, updated_at = now()
                FROM unnest(CAST(:ids AS text[]), CAST(:read AS timestamptz[]), CAST(:in_destination AS boolean[]),
                            CAST(:leads AS text[]), CAST(:statuses AS text[]), CAST(:reasons AS text[]))
                     AS o(person_id, read_at, in_destination, lead_id, status, reason)
                WHERE l.activation_id = :activation AND l.person_id = o.person_id""")
                .param("activation", activationId).param("ids", ids).param("read", read)
                .param("in_destination", inDestination).param("leads", leads).param("statuses", statuses)
                .param("reasons", reasons).update();
    }

    /** Lead ids the ledger believes the destination holds. */
    public List<String> heldLeads(UUID activationId) {
        return jdbc.sql("SELECT lead_id FROM activation.ledger WHERE activation_id = ? AND in_destination AND lead_id IS NOT NULL")
                .param(activationId).query(String.class).list();
    }

    /**
     * After reading what the destination holds: rows believed delivered whose lead is missing there are sent again.
     * Returns how many.
     */
    @Transactional
    public int missingFromDestination(UUID activationId, Collection<String> heldByDestination) {
        return jdbc.sql("""
                UPDATE activation.ledger SET in_destination = false, status = 'pending', updated_at = now()
                WHERE activation_id = :activation AND in_destination AND NOT (lead_id = ANY(CAST(:held AS text[])))""")
                .param("activation", activationId).param("held", heldByDestination.toArray(String[]::new)).update();
    }

    /** Every row the destination holds is sent again; returns how many. */
    @Transactional
    public int resendDelivered(UUID activationId) {
        return jdbc.sql("""
                UPDATE activation.ledger SET in_destination = false, status = 'pending', updated_at = now()
                WHERE activation_id = ? AND status = 'delivered'""").param(activationId).update();
    }

    /** Rows that failed record by record (no lead yet, refused by the destination) are tried again; returns how many. */
    @Transactional
    public int retryFailed(UUID activationId) {
        return jdbc.sql("""
                UPDATE activation.ledger SET status = 'pending', reason = NULL, updated_at = now()
                WHERE activation_id = ? AND status = 'failed'""").param(activationId).update();
    }

}
