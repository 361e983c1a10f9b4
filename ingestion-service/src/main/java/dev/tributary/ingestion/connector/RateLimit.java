package dev.tributary.ingestion.connector;

import java.time.Duration;

/**
 * A system's call limits, shared by every source whose connector returns the same {@code key} (e.g. all sources of
 * one Marketo instance). Zero means no limit of that kind.
 *
 * @param callsPerWindow calls admitted in any sliding {@code window}
 * @param maxConcurrent  calls in flight at once
 * @param dailyQuota     calls per day
 */
public record RateLimit(String key, int callsPerWindow, Duration window, int maxConcurrent, long dailyQuota) {

    public static RateLimit unlimited() {
        return new RateLimit("", 0, Duration.ZERO, 0, 0);
    }

    public boolean isUnlimited() {
        return callsPerWindow == 0 && maxConcurrent == 0 && dailyQuota == 0;
    }
}
