package dev.tributary.ingestion.source;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

public class UnknownSourceTypeException extends ApiException {

    UnknownSourceTypeException(String type, String validTypes) {
        super(HttpStatus.BAD_REQUEST, "Invalid request", "Unknown source type '" + type + "'",
                List.of(Map.of("field", "type",
                        "message", "unknown source type '" + type + "'; valid types are " + validTypes)));
    }
}
