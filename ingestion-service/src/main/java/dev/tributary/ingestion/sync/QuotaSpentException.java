package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.connector.ConnectorException;

import java.time.Instant;

/** The daily quota of a rate-limit key is spent: the run fails and no run of the source starts before {@link #until()}. */
final class QuotaSpentException extends ConnectorException {

    private final Instant until;

    QuotaSpentException(String key, long quota, Instant until) {
        super(Kind.PERMANENT, "the daily quota of " + quota + " API calls of '" + key + "' is spent; runs resume after "
                + until + " (UTC midnight)", null, null, null);
        this.until = until;
    }

    Instant until() {
        return until;
    }
}
