package dev.tributary.activation.destination;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** A destination an activation still delivers to cannot be deleted. */
public class DestinationInUseException extends ApiException {

    public DestinationInUseException(String id, long activations) {
        super(HttpStatus.CONFLICT, "Destination in use", "Destination '" + id + "' has " + activations
                + " activation(s) not stopped; stop them (DELETE /v1/activations/{id}) first");
    }
}
