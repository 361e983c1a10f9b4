package dev.tributary.emulators;

import java.time.Duration;

/**
 * One injected answer: a Marketo response-level error code inside an HTTP 200, an HTTP status, or a delay before
 * the normal answer.
 */
public record Fault(String code, Integer httpStatus, Duration delay) {

    public static Fault errorCode(String code) {
        return new Fault(code, null, null);
    }

    public static Fault httpStatus(int status) {
        return new Fault(null, status, null);
    }

    public static Fault delay(Duration delay) {
        return new Fault(null, null, delay);
    }

    public boolean answersInstead() {
        return code != null || httpStatus != null;
    }

    public String label() {
        if (code != null) {
            return code;
        }
        if (httpStatus != null) {
            return "http" + httpStatus;
        }
        return "delay";
    }
}
