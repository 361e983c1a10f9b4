package dev.tributary.xdm.profile.v1;

import java.time.Instant;
import java.util.List;

/** Unified profiles were merged; {@code mergedIds} are retired and stay resolvable as aliases of {@code survivorId}. */
public record ProfilesMerged(String entityType, String survivorId, List<String> mergedIds, Instant occurredAt) {

    public static final String TYPE = "profile.merged";
}
