package dev.tributary.profile.deadletter;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** A replayed dead letter failed again for a reason retrying cannot cure; the letter stays open with it. */
public class ReplayFailedException extends ApiException {

    public ReplayFailedException(long id, String reason) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Replay failed", "Dead letter " + id + " failed again: " + reason,
                List.of(Map.of("deadLetterId", id, "reason", reason)));
    }
}
