package dev.tributary.profile.deadletter;

/** A message that cannot be read as what its topic carries: no retry, and no replay without a code fix, cures it. */
public class UnreadableMessageException extends RuntimeException {

    public UnreadableMessageException(RuntimeException cause) {
        super("unreadable", cause);
    }
}
