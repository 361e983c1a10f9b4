package dev.tributary.profile.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * PostgreSQL advisory locks, held until the transaction ends.
 * <ul>
 *   <li>The graph lock, between what resolves identities to profiles and what changes that resolution.
 *       Event batches and record batches hold it shared; a record batch takes it exclusively only once it
 *       knows it changes identity links (new, deleted or re-keyed fragments), just before it writes them.
 *       A batch of attribute updates (a new job title, an opportunity stage) so never makes page views wait.</li>
 *   <li>The records lock: record batches run one at a time, as before, since two of them can touch the
 *       same component or merge the same profile. It also means no two transactions ever upgrade the
 *       graph lock at once, which would deadlock.</li>
 * </ul>
 */
@Component
public class GraphLock {

    private static final long KEY = 7310001;
    private static final long RECORDS_KEY = 7310002;

    private final JdbcClient jdbc;

    public GraphLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Identity resolution must not change under this transaction until it ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void shared() {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(" + KEY + ")").query().singleValue();
    }

    /** A record batch: after every other record batch, beside event batches (graph lock shared). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordBatch() {
        jdbc.sql("SELECT pg_advisory_xact_lock(" + RECORDS_KEY + ")").query().singleValue();
        shared();
    }

    /** This transaction is about to change identity links, profile assignments or the references they resolve. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void exclusive() {
        jdbc.sql("SELECT pg_advisory_xact_lock(" + KEY + ")").query().singleValue();
    }
}
