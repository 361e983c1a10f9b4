package dev.tributary.activation.destination;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The destination refused the credentials (422) or could not be reached (502). The message is the destination's
 * answer, never the credentials.
 */
public class DestinationTestFailedException extends ApiException {

    public DestinationTestFailedException(boolean credentials, String detail) {
        super(credentials ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_GATEWAY,
                credentials ? "Destination refused the credentials" : "Destination unreachable", detail);
    }
}
