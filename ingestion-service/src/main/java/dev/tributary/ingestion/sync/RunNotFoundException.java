package dev.tributary.ingestion.sync;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

public class RunNotFoundException extends ApiException {

    RunNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, "Run not found", "No run with id '" + id + "' of this source");
    }
}
