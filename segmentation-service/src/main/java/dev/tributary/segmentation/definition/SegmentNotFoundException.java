package dev.tributary.segmentation.definition;

import dev.tributary.support.problem.NotFoundException;

public class SegmentNotFoundException extends NotFoundException {

    public SegmentNotFoundException(String id) {
        super("Segment", id);
    }
}
