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
    private final Map<String, String> headers;

    protected ApiException(HttpStatus status, String title, String detail, List<Map<String, Object>> errors) {
        this(status, title, detail, errors, Map.of());
    }

    /** @param headers response headers the problem needs, such as {@code Retry-After} on a 429 or 503 */
    protected ApiException(HttpStatus status, String title, String detail, List<Map<String, Object>> errors,
                           Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
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

    public Map<String, String> headers() {
        return headers;
    }
}
