package dev.tributary.profile.identity.model;

import java.util.List;

/** A profile whose fragments now also sit in other components: it keeps its id, the others have {@code newIds}. */
public record Split(String survivorId, List<String> newIds) {
}
