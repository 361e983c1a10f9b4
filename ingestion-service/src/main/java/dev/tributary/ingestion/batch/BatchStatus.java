package dev.tributary.ingestion.batch;

public enum BatchStatus {
    /** Every valid line was acknowledged by Kafka. */
    COMPLETED,
    /** Publishing failed: nothing of the batch counts as accepted, it must be sent again. */
    FAILED
}
