package dev.tributary.activation.activation;

import dev.tributary.support.problem.NotFoundException;

public class ActivationNotFoundException extends NotFoundException {

    public ActivationNotFoundException(String id) {
        super("Activation", id);
    }
}
