package dev.tributary.activation.delivery;

import dev.tributary.activation.activation.Activation;
import dev.tributary.activation.activation.Activations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/** The delivery worker's reads and writes of activation rows: which are due, their leases, outcomes and run records. */
@Component
class ActivationRuns {

    private final JdbcClient jdbc;
    private final DeliveryProperties properties;
    private final String owner = UUID.randomUUID().toString();

    ActivationRuns(JdbcClient jdbc, DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Activations with work now and no live lease: starting, clearing, reconciling, or with pending ledger rows. */
    List<Activation> due() {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM activation.activation a
                WHERE a.status IN ('starting', 'active', 'clearing') AND (a.retry_at IS NULL OR a.retry_at <= now())
                  AND (a.lease_until IS NULL OR a.lease_until < now())
                  AND (a.status <> 'active' OR a.reconcile_requested
                       OR EXISTS (SELECT 1 FROM activation.ledger l WHERE l.activation_id = a.id AND l.status = 'pending'))
                ORDER BY a.updated_at""").query(Activations::read).list();
    }

    Activation load(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM activation.activation a WHERE id = ?").param(id)
                .query(Activations::read).single();
    }

    boolean claim(UUID id) {
        return jdbc.sql("""
                UPDATE activation.activation SET lease_owner = :owner, lease_until = now() + CAST(:lease AS interval)
                WHERE id = :id AND (lease_until IS NULL OR lease_until < now())""")
                .param("owner", owner).param("lease", properties.lease().toSeconds() + " seconds").param("id", id)
                .update() == 1;
    }

    /** Extends this worker's lease; a worker that stopped (crashed) holds an activation for at most one lease. */
    void renewLease(UUID id) {
        int renewed = jdbc.sql("""
                UPDATE activation.activation SET lease_until = now() + CAST(:lease AS interval)
                WHERE id = :id AND lease_owner = :owner""")
                .param("owner", owner).param("lease", properties.lease().toSeconds() + " seconds").param("id", id).update();
        if (renewed == 0) {
            throw new IllegalStateException("lost the lease on activation " + id);
        }
    }

    void release(UUID id) {
        jdbc.sql("UPDATE activation.activation SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")
                .param(id).param(owner).update();
    }

    void keepListId(UUID id, long listId) {
        jdbc.sql("UPDATE activation.activation SET list_id = ?, updated_at = now() WHERE id = ?")
                .param(Long.toString(listId)).param(id).update();
    }

    void backfilled(UUID id) {
        jdbc.sql("UPDATE activation.activation SET status = 'active', updated_at = now() WHERE id = ? AND status = 'starting'")
                .param(id).update();
    }

    void reconciled(UUID id) {
        jdbc.sql("UPDATE activation.activation SET reconcile_requested = false WHERE id = ?").param(id).update();
    }

    void succeeded(UUID id) {
        jdbc.sql("""
                UPDATE activation.activation SET status = CASE WHEN status = 'clearing' THEN 'stopped' ELSE status END,
                       last_error = NULL, retry_at = NULL, failures = 0, updated_at = now() WHERE id = ?""")
                .param(id).update();
    }

    /** Records the error and schedules the next attempt with doubling backoff; returns the failures in a row. */
    int failed(UUID id, String error) {
        return jdbc.sql("""
                UPDATE activation.activation SET last_error = :error, failures = failures + 1, updated_at = now(),
                       retry_at = now() + least(CAST(:initial AS interval) * power(2, least(failures, 20)),
                                                CAST(:max AS interval))
                WHERE id = :id RETURNING failures""")
                .param("error", error).param("id", id)
                .param("initial", properties.retryInitial().toMillis() + " milliseconds")
                .param("max", properties.retryMax().toMillis() + " milliseconds").query(Integer.class).single();
    }

    long startDelivery(UUID id, String kind) {
        return jdbc.sql("""
                INSERT INTO activation.delivery (activation_id, kind, started_at) VALUES (?, ?, now()) RETURNING id""")
                .param(id).param(kind).query(Long.class).single();
    }

    void finishDelivery(long deliveryId, Tally tally, int calls, String error) {
        jdbc.sql("""
                UPDATE activation.delivery SET finished_at = now(), added = ?, removed = ?, failed = ?, held = ?,
                       calls = ?, error = ? WHERE id = ?""")
                .param(tally.added).param(tally.removed).param(tally.failed).param(tally.held)
                .param(calls).param(error).param(deliveryId)
                .update();
    }

    private static final String COLUMNS = "a.id, a.segment_id, a.destination_id, a.list_name, a.list_id, a.status, a.last_error, "
            + "a.reconcile_requested, a.created_at, a.updated_at, a.audience";
}
