package dev.tributary.support.problem;

import org.springframework.http.HttpStatus;

/** A resource named in the path does not exist. */
public class NotFoundException extends ApiException {

    public NotFoundException(String what, String id) {
        super(HttpStatus.NOT_FOUND, what + " not found", "No " + what.toLowerCase() + " with id '" + id + "'");
    }
}
