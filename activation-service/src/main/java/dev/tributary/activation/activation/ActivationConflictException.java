package dev.tributary.activation.activation;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

class ActivationConflictException extends ApiException {

    ActivationConflictException(String detail) {
        super(HttpStatus.CONFLICT, "Activation exists", detail);
    }
}
