package dev.tributary.activation.destination;

import dev.tributary.support.problem.NotFoundException;

public class DestinationNotFoundException extends NotFoundException {

    public DestinationNotFoundException(String id) {
        super("Destination", id);
    }
}
