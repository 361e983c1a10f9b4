package dev.tributary.segmentation.language;

import java.util.List;
import java.util.stream.Collectors;

/** A segment rule that does not parse or does not type-check; {@link #errors()} says where and why. */
public class SegmentQueryException extends RuntimeException {

    private final List<QueryError> errors;

    public SegmentQueryException(List<QueryError> errors) {
        super(errors.stream().map(QueryError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<QueryError> errors() {
        return errors;
    }
}
