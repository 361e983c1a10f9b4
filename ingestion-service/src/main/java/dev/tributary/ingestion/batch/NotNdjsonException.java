package dev.tributary.ingestion.batch;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Not one line of the body is JSON: a wrong file rather than bad records, so no batch is kept. */
public class NotNdjsonException extends ApiException {

    NotNdjsonException(int firstLine, String firstError) {
        super(HttpStatus.BAD_REQUEST, "Body is not NDJSON",
                "No line of the body is JSON; send one JSON object a line ({\"class\":\"...\",\"data\":{...}})",
                List.of(Map.of("line", firstLine, "message", firstError)));
    }
}
