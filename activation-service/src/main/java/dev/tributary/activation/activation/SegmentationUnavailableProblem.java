package dev.tributary.activation.activation;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** The segment could not be checked because segmentation-service did not answer; nothing was created. */
class SegmentationUnavailableProblem extends ApiException {

    SegmentationUnavailableProblem(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Segmentation unavailable", detail + "; nothing was created, try again");
    }
}
