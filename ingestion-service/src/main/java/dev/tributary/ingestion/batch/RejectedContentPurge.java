package dev.tributary.ingestion.batch;

import dev.tributary.ingestion.IngestionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Rejected lines hold what senders sent, personal data included: their content is kept for
 * cdp.ingestion.rejected-content-retention, then cleared; the line number and errors stay (ADR 0023).
 */
@Component
public class RejectedContentPurge {

    private static final Logger log = LoggerFactory.getLogger(RejectedContentPurge.class);
    /** Batches per transaction: short transactions, whatever the backlog. */
    private static final int CHUNK = 500;

    private final BatchRepository batches;
    private final IngestionProperties properties;
    private final Clock clock = Clock.systemUTC();

    RejectedContentPurge(BatchRepository batches, IngestionProperties properties) {
        this.batches = batches;
        this.properties = properties;
    }

    /** Purges every batch past its retention; run on a schedule. Returns how many batches were purged. */
    public int purge() {
        Instant cutoff = clock.instant().minus(properties.rejectedContentRetention());
        int total = 0;
        int purged;
        do {
            purged = batches.purgeRejectedContent(cutoff, CHUNK);
            total += purged;
        } while (purged == CHUNK);
        if (total > 0) {
            log.info("Cleared the rejected lines' content of {} batches received before {}", total, cutoff);
        }
        return total;
    }
}
