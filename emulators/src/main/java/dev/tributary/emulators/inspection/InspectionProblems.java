package dev.tributary.emulators.inspection;

import dev.tributary.emulators.marketo.UnknownInstanceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Bad input to the inspection API answers an RFC 9457 problem naming what was wrong. */
@RestControllerAdvice(assignableTypes = InspectionController.class)
class InspectionProblems {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body is not the JSON object this call takes");
    }

    @ExceptionHandler(UnknownInstanceException.class)
    ProblemDetail notFound(UnknownInstanceException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
