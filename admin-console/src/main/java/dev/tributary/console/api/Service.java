package dev.tributary.console.api;

/** The services the console calls. */
public enum Service {
    INGESTION, PROFILE, SEGMENTATION, ACTIVATION
}
