package dev.tributary.ingestion.batch;

import dev.tributary.xdm.validation.ValidationError;

import java.util.List;

/** @param content the line as sent; null once cdp.ingestion.rejected-content-retention has passed */
public record RejectedLineResponse(int line, String content, List<ValidationError> errors) {
}
