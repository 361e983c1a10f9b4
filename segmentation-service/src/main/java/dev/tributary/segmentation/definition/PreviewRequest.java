package dev.tributary.segmentation.definition;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

public record PreviewRequest(
        @NotBlank(message = "must not be blank")
        @Pattern(regexp = "person|account", message = "must be \"person\" or \"account\"") String audience,
        @NotBlank(message = "must not be blank") String query) {
}
