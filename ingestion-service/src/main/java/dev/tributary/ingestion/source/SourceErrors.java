package dev.tributary.ingestion.source;

import java.util.LinkedHashMap;
import java.util.Map;

final class SourceErrors {

    private SourceErrors() {
    }

    /** One located error of a problem's {@code errors} list. */
    static Map<String, Object> at(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }
}
