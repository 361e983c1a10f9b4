package dev.tributary.segmentation.definition;

/** Published by {@link SegmentDefinitions} so that evaluation reacts without definition depending on it. */
public final class SegmentEvents {

    private SegmentEvents() {
    }

    /** A segment was created or its rule changed; listeners run after commit. */
    public record Saved(String segmentId, boolean created) {
    }

    /** A segment is being deleted; listeners run inside the deleting transaction, before the rows go. */
    public record Deleting(SegmentDefinition segment) {
    }
}
