package dev.tributary.ingestion.source;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** {@code type} is checked by {@link SourceService} so that the error can list the valid types. */
public record CreateSourceRequest(
        @NotBlank(message = "must not be blank") String name,
        @NotBlank(message = "must not be blank") String type,
        @NotBlank(message = "must not be blank")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*", message = "must match [A-Za-z0-9][A-Za-z0-9_.-]*")
        String instanceId) {
}
