package dev.tributary.xdm.profile.v1;

import java.time.Instant;
import java.util.List;

/** A unified profile split: the part holding the survivor's anchor kept {@code survivorId}, the others got {@code newIds}. */
public record ProfileSplit(String entityType, String survivorId, List<String> newIds, Instant occurredAt) {

    public static final String TYPE = "profile.split";
}
