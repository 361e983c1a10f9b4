package dev.tributary.ingestion.event;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

public class InvalidEventsBodyException extends ApiException {

    InvalidEventsBodyException(String found) {
        super(HttpStatus.BAD_REQUEST, "Invalid events body",
                "Send one experience event as a JSON object or several as a JSON array; got " + found);
    }
}
