package dev.tributary.ingestion.batch;

import dev.tributary.xdm.validation.ValidationError;

import java.util.List;

/** A line kept with its reasons, so a sender can fix and resend exactly what failed. */
record RejectedLine(int line, String content, List<ValidationError> errors) {

    List<LineError> lineErrors() {
        return errors.stream().map(e -> new LineError(line, e.toString())).toList();
    }
}
