package dev.tributary.profile.deadletter;

import dev.tributary.support.problem.BadRequestException;
import dev.tributary.support.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

/**
 * The one place for messages profile-service could not read or apply (ADR 0021): the consumers keep them in the
 * {@link DeadLetterStore}, an operator lists them here and replays one after a fix.
 */
@Service
public class DeadLetterOffice {

    /** A page of dead letters, newest first; {@code total} counts every letter the filter matches. */
    public record Page(List<DeadLetter.Summary> items, long total, int limit, long offset) {
    }

    public static final int MAX_LIMIT = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterOffice.class);

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;
    private final TransactionTemplate tx;

    public DeadLetterOffice(DeadLetterStore store, DeadLetterReplayer replayer, TransactionTemplate tx) {
        this.store = store;
        this.replayer = replayer;
        this.tx = tx;
    }

    public Page page(String status, int limit, long offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw invalid("offset", "must not be negative");
        }
        DeadLetter.Status filter = status == null ? null : DeadLetter.Status.find(status)
                .orElseThrow(() -> invalid("status", "must be open or replayed"));
        return new Page(store.page(filter, limit, offset), store.count(filter), limit, offset);
    }

    public DeadLetter get(long id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Applies the letter's message through its consumer's code path and marks it replayed, in one transaction. If it
     * fails again, the letter keeps the new reason; a failure that may pass changes nothing.
     */
    public DeadLetter replay(long id) {
        try {
            tx.executeWithoutResult(status -> {
                DeadLetter letter = store.lock(id).orElseThrow(() -> notFound(id));
                if (letter.status() != DeadLetter.Status.OPEN) {
                    throw new DeadLetterConflictException(id, letter.status());
                }
                replayer.replay(letter.topic(), letter.value());
                store.replayed(id);
            });
        } catch (NotFoundException | DeadLetterConflictException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                log.warn("Replay of dead letter {} failed ({}), unchanged", id, Failures.kind(e));
                throw new ReplayUnavailableException(id, Failures.kind(e));
            }
            String reason = Failures.reason(e);
            store.failedAgain(id, reason);
            log.warn("Replay of dead letter {} failed again ({})", id, Failures.kind(e));
            throw new ReplayFailedException(id, reason);
        }
        log.info("Dead letter {} replayed", id);
        return get(id);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("Dead letter", Long.toString(id));
    }

    private static BadRequestException invalid(String parameter, String message) {
        return new BadRequestException("Invalid parameter", "Parameter '" + parameter + "' " + message,
                List.of(Map.of("field", parameter, "message", message)));
    }
}
