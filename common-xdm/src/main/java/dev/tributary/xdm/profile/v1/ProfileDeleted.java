package dev.tributary.xdm.profile.v1;

import java.time.Instant;

/** A unified profile no longer exists (all its fragments were deleted). */
public record ProfileDeleted(String entityType, String profileId, Instant occurredAt) {

    public static final String TYPE = "profile.deleted";
}
