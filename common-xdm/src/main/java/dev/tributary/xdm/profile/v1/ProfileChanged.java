package dev.tributary.xdm.profile.v1;

import java.time.Instant;
import java.util.List;

/** A unified profile ({@code entityType} "person" or "account") changed; {@code reasons} name what changed. */
public record ProfileChanged(String entityType, String profileId, List<String> reasons, Instant occurredAt) {

    public static final String TYPE = "profile.changed";
}
