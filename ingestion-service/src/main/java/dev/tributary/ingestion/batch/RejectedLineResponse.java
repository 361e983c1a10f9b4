package dev.tributary.ingestion.batch;

import dev.tributary.xdm.validation.ValidationError;

import java.util.List;

public record RejectedLineResponse(int line, String content, List<ValidationError> errors) {
}
