package dev.tributary.ingestion.batch;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

public class BatchTooLargeException extends ApiException {

    BatchTooLargeException(long maxBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, "Batch too large",
                "The batch exceeds the limit of " + maxBytes + " bytes (cdp.ingestion.max-batch-bytes); "
                        + "nothing was accepted, split it into smaller batches");
    }
}
