package dev.tributary.ingestion.batch;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

public class BatchTooManyLinesException extends ApiException {

    BatchTooManyLinesException(int maxLines) {
        super(HttpStatus.CONTENT_TOO_LARGE, "Batch has too many lines",
                "The batch has more than " + maxLines + " lines (cdp.ingestion.max-batch-lines); "
                        + "nothing was accepted, split it into smaller batches");
    }
}
