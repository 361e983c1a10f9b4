package dev.tributary.support.web;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** A request body over its endpoint's limit (ADR 0023); nothing of it was accepted. */
public class BodyTooLargeException extends ApiException {

    BodyTooLargeException(BodyLimit limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "The body exceeds the limit of " + limit.bytes() + " bytes for this call (" + limit.property()
                        + "); nothing was accepted, split it into smaller requests");
    }
}
