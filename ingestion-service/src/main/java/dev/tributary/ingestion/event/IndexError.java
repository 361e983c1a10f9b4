package dev.tributary.ingestion.event;

/** One reason the event at {@code index} of the request was rejected; the message starts with its JSON pointer. */
public record IndexError(int index, String message) {
}
