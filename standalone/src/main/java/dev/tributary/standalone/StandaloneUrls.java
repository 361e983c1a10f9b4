package dev.tributary.standalone;

/** Base URLs of the services the standalone launcher runs. */
record StandaloneUrls(String ingestion, String profile, String segmentation, String activation) {
}
