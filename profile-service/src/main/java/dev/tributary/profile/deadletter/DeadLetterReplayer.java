package dev.tributary.profile.deadletter;

/** Reads and applies a dead letter's raw message the way its consumer does, in the caller's transaction. */
public interface DeadLetterReplayer {

    /** Throws whatever reading or applying it throws. */
    void replay(String topic, String value);
}
