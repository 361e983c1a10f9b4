package dev.tributary.ingestion.publish;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** Kafka did not acknowledge every message of a request: nothing is accepted, the client retries. */
public class PublishFailedException extends ApiException {

    public PublishFailedException(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Publishing failed", detail);
        initCause(cause);
    }
}
