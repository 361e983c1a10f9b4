package dev.tributary.segmentation.definition;

import java.util.Collection;
import java.util.Map;

/** The segments whose evaluation is failing; implemented by the evaluation feature, shown with each segment. */
public interface SegmentHealth {

    /** The failures of those of {@code segmentIds} that are failing, by segment id. */
    Map<String, SegmentFailure> failures(Collection<String> segmentIds);
}
