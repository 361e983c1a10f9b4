package dev.tributary.ingestion.source;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code type} is checked by {@link SourceService} so that the error can list the valid types.
 *
 * @param instanceIds further source instances whose records this source may carry (an export holding several
 *                    systems' records); its own {@code instanceId} is always allowed. Optional.
 * @param config      a connector type's settings, checked against its {@code configFields}; none for file and web
 * @param schedule    when a connector source runs by itself; absent: manual runs only
 */
public record CreateSourceRequest(
        @NotBlank(message = "must not be blank") String name,
        @NotBlank(message = "must not be blank") String type,
        @NotBlank(message = "must not be blank")
        @Pattern(regexp = INSTANCE_ID, message = "must match " + INSTANCE_ID)
        String instanceId,
        @Size(max = 100, message = "may name at most 100 instances")
        List<@NotNull(message = "must not be null") @Pattern(regexp = INSTANCE_ID, message = "must match " + INSTANCE_ID) String> instanceIds,
        ObjectNode config,
        @Valid Schedule schedule) {

    static final String INSTANCE_ID = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    @Override
    public String toString() {
        // config may hold secrets
        return "CreateSourceRequest[name=" + name + ", type=" + type + ", instanceId=" + instanceId + "]";
    }
}
