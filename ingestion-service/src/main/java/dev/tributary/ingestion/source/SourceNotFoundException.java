package dev.tributary.ingestion.source;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

public class SourceNotFoundException extends ApiException {

    SourceNotFoundException(String id) {
        super(HttpStatus.NOT_FOUND, "Source not found", "No source with id '" + id + "'");
    }
}
