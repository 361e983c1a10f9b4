package dev.tributary.ingestion.event;

import dev.tributary.support.problem.ApiException;
import org.springframework.http.HttpStatus;

/** The body is not JSON; nothing of it was published. */
public class MalformedEventsBodyException extends ApiException {

    MalformedEventsBodyException(String parserMessage) {
        super(HttpStatus.BAD_REQUEST, "Malformed request body", "The request body is not valid JSON: " + firstLine(parserMessage));
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message;
        int newline = text.indexOf('\n');
        String line = newline > 0 ? text.substring(0, newline) : text;
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
