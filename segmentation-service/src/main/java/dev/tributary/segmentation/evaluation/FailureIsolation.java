package dev.tributary.segmentation.evaluation;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Records a segment's own failure (its rule's SQL, its stored rule, its data) and lets the caller go on with the
 * other segments; the segment is skipped by streaming and re-checks until a full evaluation, retried with backoff,
 * succeeds (ADR 0022). A failure of the database itself is rethrown: no other segment could be evaluated either,
 * and the caller's own retry (the change consumer's, the next tick) is the right one.
 */
@Component
class FailureIsolation {

    private static final Logger log = LoggerFactory.getLogger(FailureIsolation.class);

    private final FailureLog failures;
    private final Clock clock;

    FailureIsolation(FailureLog failures, Clock clock) {
        this.failures = failures;
        this.clock = clock;
    }

    void isolate(String segmentId, String trigger, RuntimeException e) {
        if (isDatabaseFailure(e)) {
            throw e;
        }
        int attempts = failures.failed(segmentId, trigger, e, clock.instant());
        log.warn("Evaluation of segment {} failed ({}, {} in a row); it is skipped until a full evaluation succeeds",
                segmentId, trigger, attempts, e);
    }

    /** No connection to the database, or a lost one: not a failure of any segment. */
    static boolean isDatabaseFailure(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof CannotCreateTransactionException;
    }
}
