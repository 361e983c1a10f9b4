package dev.tributary.segmentation.definition;

import dev.tributary.segmentation.language.SegmentQueryException;
import dev.tributary.support.problem.BadRequestException;

import java.util.List;
import java.util.Map;

/** The rule does not parse, names unknown attributes, mixes types or asks for an absurd window. */
public class InvalidSegmentQueryException extends BadRequestException {

    InvalidSegmentQueryException(SegmentQueryException e) {
        super("Invalid segment query", "The segment query is not valid: " + e.getMessage(), e.errors().stream()
                .map(q -> Map.<String, Object>of("line", q.line(), "column", q.column(), "message", q.message()))
                .toList());
    }

    InvalidSegmentQueryException(String detail) {
        super("Invalid segment query", detail, List.of(Map.of("field", "query", "message", detail)));
    }
}
