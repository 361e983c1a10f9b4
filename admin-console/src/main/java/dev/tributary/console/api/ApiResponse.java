package dev.tributary.console.api;

import java.util.List;
import java.util.Map;

/**
 * A service's answer, its JSON read into maps and lists for the templates. {@code status} 0 means the service
 * could not be reached; the page then shows what else it has.
 */
public record ApiResponse(int status, Object body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean notFound() {
        return status == 404;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The list itself, or its {@code field} when the answer is an object (e.g. {@code items}). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String field) {
        if (!ok()) {
            return List.of();
        }
        Object value = body instanceof List<?> ? body : map().get(field);
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    public ApiProblem problem() {
        return ApiProblem.of(status, map());
    }
}
