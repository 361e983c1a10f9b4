package dev.tributary.ingestion.batch;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

public class BatchNotFoundException extends ApiException {

    BatchNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, "Batch not found", "No batch with id '" + id + "'");
    }
}
