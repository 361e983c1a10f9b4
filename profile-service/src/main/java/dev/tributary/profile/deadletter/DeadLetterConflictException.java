package dev.tributary.profile.deadletter;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** A replay asked of a dead letter in a status that allows none (already replayed). */
public class DeadLetterConflictException extends ApiException {

    public DeadLetterConflictException(long id, DeadLetter.Status status) {
        super(HttpStatus.CONFLICT, "Dead letter not open", "Dead letter " + id + " is " + status.id() + ", not open");
    }
}
