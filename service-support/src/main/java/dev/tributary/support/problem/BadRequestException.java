package dev.tributary.support.problem;

import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** The request is well-formed HTTP but its content is not acceptable; {@code errors} says where. */
public class BadRequestException extends ApiException {

    public BadRequestException(String detail) {
        super(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    public BadRequestException(String title, String detail, List<Map<String, Object>> errors) {
        super(HttpStatus.BAD_REQUEST, title, detail, errors);
    }
}
