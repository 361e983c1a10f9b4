package dev.tributary.ingestion.connector;

/**
 * One run's reading session. Not shared between threads. Every failure is a {@link ConnectorException} saying
 * whether trying again can help.
 */
public interface SourceTask extends AutoCloseable {

    /** Proves the configuration works with a real call (a token request, a one-record read). */
    void validate();

    /**
     * Reads the next page of {@code stream} after {@code cursor}. A null cursor reads from the beginning (a full
     * sync). The framework publishes the page's records and events, waits for Kafka, and only then stores
     * {@link Page#cursor()}: a crash re-reads a page, never skips one.
     */
    Page read(String stream, String cursor);

    @Override
    default void close() {
    }
}
