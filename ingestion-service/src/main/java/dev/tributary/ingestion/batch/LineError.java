package dev.tributary.ingestion.batch;

/** One reason a line was rejected; {@code message} starts with the JSON pointer it concerns. */
public record LineError(int line, String message) {
}
