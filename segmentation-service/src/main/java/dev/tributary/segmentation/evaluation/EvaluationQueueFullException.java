package dev.tributary.segmentation.evaluation;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An evaluation asked for through the API while {@code queue-capacity} evaluations wait already. */
class EvaluationQueueFullException extends ApiException {

    EvaluationQueueFullException(int capacity, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many evaluations queued",
                capacity + " evaluations are waiting for a thread already; ask again later", List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds()))));
    }
}
