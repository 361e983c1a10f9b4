package dev.tributary.ingestion.source;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** The stored configuration did not work when tried. */
public class SourceTestFailedException extends ApiException {

    SourceTestFailedException(List<Map<String, Object>> errors) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Source test failed", String.valueOf(errors.get(0).get("message")), errors);
    }
}
