package dev.tributary.xdm.validation;

import dev.tributary.xdm.model.ExperienceEvent;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The outcome of validating one experience event, like {@link RecordValidation}. */
public record EventValidation(ExperienceEvent event, ObjectNode normalised, List<ValidationError> errors) {

    public EventValidation {
        errors = List.copyOf(errors);
    }

    static EventValidation valid(ExperienceEvent event, ObjectNode normalised) {
        return new EventValidation(event, normalised, List.of());
    }

    static EventValidation invalid(List<ValidationError> errors) {
        return new EventValidation(null, null, errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
