package dev.tributary.ingestion.sync;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** A run of the source holds its lease: one run at a time per source (ADR 0027). */
public class RunInProgressException extends ApiException {

    RunInProgressException(String sourceId) {
        super(HttpStatus.CONFLICT, "Run in progress", "Source '" + sourceId + "' has a run in progress; wait for it to end"
                + " (GET /v1/sources/" + sourceId + "/runs)");
    }
}
