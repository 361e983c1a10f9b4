package dev.tributary.support.problem;

import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/**
 * Base of the domain exceptions a service turns into RFC 9457 problem details. Subclasses are named
 * after the failure ({@code SourceNotFoundException}, {@code InvalidSegmentQueryException}).
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<Map<String, Object>> errors;

    protected ApiException(HttpStatus status, String title, String detail, List<Map<String, Object>> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    protected ApiException(HttpStatus status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Field- or location-level errors, rendered as the {@code errors} member of the problem. */
    public List<Map<String, Object>> errors() {
        return errors;
    }
}
