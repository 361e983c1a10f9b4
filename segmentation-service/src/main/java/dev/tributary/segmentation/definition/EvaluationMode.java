package dev.tributary.segmentation.definition;

/** Batch segments are evaluated on demand and on their schedule; streaming segments also on every profile change. */
public enum EvaluationMode {
    BATCH, STREAMING;

    public String wireName() {
        return name().toLowerCase();
    }
}
