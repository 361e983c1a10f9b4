package dev.tributary.xdm.validation;

import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import dev.tributary.xdm.model.XdmRecord;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of validating one XDM record: valid with its primary key and its normalised JSON (which keeps unknown
 * XDM fields), or invalid with at least one error.
 * <p>
 * The typed record is bound only when asked for ({@link #record()}): the pipeline carries the normalised JSON and
 * needs only the key, and binding every accepted line is work on ingestion's hot path (ADR 0018). The schemas are kept at least as
 * strict as the record types, which {@code GoldenExamplesTest} and {@code XdmValidatorTest} check.
 */
public final class RecordValidation {

    private final XdmClass xdmClass;
    private final SourceKey key;
    private final ObjectNode normalised;
    private final List<ValidationError> errors;
    private final JsonMapper mapper;

    private RecordValidation(XdmClass xdmClass, SourceKey key, ObjectNode normalised, List<ValidationError> errors,
                             JsonMapper mapper) {
        this.xdmClass = xdmClass;
        this.key = key;
        this.normalised = normalised;
        this.errors = List.copyOf(errors);
        this.mapper = mapper;
    }

    static RecordValidation valid(XdmClass xdmClass, SourceKey key, ObjectNode normalised, JsonMapper mapper) {
        return new RecordValidation(xdmClass, key, normalised, List.of(), mapper);
    }

    static RecordValidation invalid(XdmClass xdmClass, List<ValidationError> errors) {
        return new RecordValidation(xdmClass, null, null, errors, null);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The class named by the line, or null when it names none. */
    public XdmClass xdmClass() {
        return xdmClass;
    }

    /** The primary key of a valid record, normalised; null when invalid. */
    public SourceKey key() {
        return key;
    }

    /** The record with source keys in object form, instants in UTC and identity maps normalised; null when invalid. */
    public ObjectNode normalised() {
        return normalised;
    }

    public List<ValidationError> errors() {
        return errors;
    }

    /** The valid record bound to its XDM class, or null when invalid. */
    public XdmRecord record() {
        return normalised == null ? null : mapper.treeToValue(normalised, XdmRecord.typeOf(xdmClass));
    }
}
