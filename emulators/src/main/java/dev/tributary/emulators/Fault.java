package dev.tributary.emulators;

import java.time.Duration;

/**
 * One injected answer: a Marketo response-level error code inside an HTTP 200, an HTTP status, a delay before
 * the normal answer, or a malformed body (cut-off JSON in an HTTP 200).
 */
public record Fault(String code, Integer httpStatus, Duration delay, boolean malformed) {

    public static Fault errorCode(String code) {
        return new Fault(code, null, null, false);
    }

    public static Fault httpStatus(int status) {
        return new Fault(null, status, null, false);
    }

    public static Fault delay(Duration delay) {
        return new Fault(null, null, delay, false);
    }

    public static Fault malformedBody() {
        return new Fault(null, null, null, true);
    }

    public boolean answersInstead() {
        return code != null || httpStatus != null || malformed;
    }

    public String label() {
        if (code != null) {
            return code;
        }
        if (httpStatus != null) {
            return "http" + httpStatus;
        }
        return malformed ? "malformed" : "delay";
    }
}
