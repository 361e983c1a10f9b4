package dev.tributary.xdm.validation;

import dev.tributary.xdm.XdmClass;
import dev.tributary.xdm.model.XdmRecord;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of validating one XDM record: valid with the typed record and its normalised JSON
 * (which keeps unknown XDM fields), or invalid with at least one error.
 */
public record RecordValidation(XdmClass xdmClass, XdmRecord record, ObjectNode normalised, List<ValidationError> errors) {

    public RecordValidation {
        errors = List.copyOf(errors);
    }

    static RecordValidation valid(XdmClass xdmClass, XdmRecord record, ObjectNode normalised) {
        return new RecordValidation(xdmClass, record, normalised, List.of());
    }

    static RecordValidation invalid(XdmClass xdmClass, List<ValidationError> errors) {
        return new RecordValidation(xdmClass, null, null, errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
