package dev.tributary.segmentation.definition;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/segments} and {@code PUT /v1/segments/{id}}; {@code evaluation} defaults to batch. */
public record SegmentRequest(
        @NotBlank(message = "must not be blank") @Size(max = 200, message = "must be at most 200 characters") String name,
        @NotBlank(message = "must not be blank")
        @Pattern(regexp = "person|account", message = "must be \"person\" or \"account\"") String audience,
        // its length is the language's limit (cdp.segmentation.query.max-length), refused with a position
        @NotBlank(message = "must not be blank") String query,
        @Pattern(regexp = "batch|streaming", message = "must be \"batch\" or \"streaming\"") String evaluation,
        String schedule) {
}
