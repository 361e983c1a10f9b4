package dev.tributary.ingestion.connector;

import java.time.Duration;

/**
 * A connector's failure, classified at the boundary (Debezium's {@code ErrorHandler}): the framework retries what is
 * {@link Kind#RETRIABLE} with backoff, waits {@link #retryAfter()} for {@link Kind#RATE_LIMITED}, opens a new task
 * for {@link Kind#AUTHENTICATION} once, and fails the run on {@link Kind#PERMANENT}. The message is shown to users
 * and must not quote secrets.
 */
public class ConnectorException extends RuntimeException {

    public enum Kind { RETRIABLE, RATE_LIMITED, AUTHENTICATION, PERMANENT }

    private final Kind kind;
    private final Duration retryAfter;
    private final String field;

    public ConnectorException(Kind kind, String message, Duration retryAfter, String field, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.field = field;
    }

    public static ConnectorException retriable(String message, Throwable cause) {
        return new ConnectorException(Kind.RETRIABLE, message, null, null, cause);
    }

    public static ConnectorException rateLimited(String message, Duration retryAfter) {
        return new ConnectorException(Kind.RATE_LIMITED, message, retryAfter, null, null);
    }

    public static ConnectorException authentication(String message) {
        return new ConnectorException(Kind.AUTHENTICATION, message, null, null, null);
    }

    public static ConnectorException permanent(String message) {
        return new ConnectorException(Kind.PERMANENT, message, null, null, null);
    }

    /** A configuration value is wrong (bad credentials, unreachable URL): validation answers 400 at {@code field}. */
    public static ConnectorException badConfig(String field, String message) {
        return new ConnectorException(Kind.PERMANENT, message, null, field, null);
    }

    public Kind kind() {
        return kind;
    }

    /** How long to wait before the next call, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The configuration field the failure concerns, or null. */
    public String field() {
        return field;
    }
}
