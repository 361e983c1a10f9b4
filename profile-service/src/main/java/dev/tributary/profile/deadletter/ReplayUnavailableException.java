package dev.tributary.profile.deadletter;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** A replay met a failure that may pass (the database unreachable, a deadlock): nothing changed, try again. */
public class ReplayUnavailableException extends ApiException {

    public ReplayUnavailableException(long id, String kind) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Replay not possible now",
                "Dead letter " + id + " could not be replayed now (" + kind + "); it is unchanged, try again");
    }
}
