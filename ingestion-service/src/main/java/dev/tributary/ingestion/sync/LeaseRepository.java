package dev.tributary.ingestion.sync;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.UUID;

/**
 * One run at a time per source across every instance: a row per source, taken by one statement when it is free or its
 * holder stopped renewing it (ADR 0027).
 */
@Repository
class LeaseRepository {

    private final JdbcClient jdbc;

    LeaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the source's lease for {@code runId} if no live run holds it. */
    boolean take(UUID sourceId, UUID runId, Duration ttl) {
        return jdbc.sql("""
                        INSERT INTO ingestion.source_lease (source_id, run_id, expires_at)
                        VALUES (:source, :run, clock_timestamp() + :ttl * interval '1 millisecond')
                        ON CONFLICT (source_id) DO UPDATE SET run_id = excluded.run_id, expires_at = excluded.expires_at
                        WHERE source_lease.run_id IS NULL OR source_lease.expires_at <= clock_timestamp()
                        RETURNING source_id""")
                .param("source", sourceId).param("run", runId).param("ttl", ttl.toMillis())
                .query(UUID.class).optional().isPresent();
    }

    /** Extends the lease; false when the run no longer holds it (it expired and another run took it). */
    boolean renew(UUID sourceId, UUID runId, Duration ttl) {
        return jdbc.sql("UPDATE ingestion.source_lease SET expires_at = clock_timestamp() + :ttl * interval '1 millisecond'"
                        + " WHERE source_id = :source AND run_id = :run")
                .param("source", sourceId).param("run", runId).param("ttl", ttl.toMillis()).update() == 1;
    }

    void release(UUID sourceId, UUID runId) {
        jdbc.sql("UPDATE ingestion.source_lease SET run_id = NULL, expires_at = clock_timestamp() WHERE source_id = :source AND run_id = :run")
                .param("source", sourceId).param("run", runId).update();
    }
}
