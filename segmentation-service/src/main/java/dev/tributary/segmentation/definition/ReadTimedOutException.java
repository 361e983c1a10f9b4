package dev.tributary.segmentation.definition;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.Map;

/** An API read ran into {@code cdp.segmentation.api.statement-timeout} and was cancelled. */
public class ReadTimedOutException extends ApiException {

    ReadTimedOutException(Duration timeout) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Query timed out",
                "The query took longer than " + describe(timeout) + ", the limit for API reads; a preview of a lighter"
                        + " rule, or the same read later, may succeed", java.util.List.of(),
                Map.of("Retry-After", "10"));
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
