package dev.tributary.ingestion.source;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** The source's configuration or schedule is wrong: every error located, nothing saved. */
public class InvalidSourceException extends ApiException {

    InvalidSourceException(List<Map<String, Object>> errors) {
        super(HttpStatus.BAD_REQUEST, "Invalid request", errors.size() == 1
                ? errors.get(0).get("field") + ": " + errors.get(0).get("message")
                : "The source has " + errors.size() + " invalid fields", errors);
    }
}
