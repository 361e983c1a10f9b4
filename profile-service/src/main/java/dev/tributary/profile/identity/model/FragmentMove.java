package dev.tributary.profile.identity.model;

/** A stored fragment outside the batch whose profile changes: to {@code profileId}, or to none (null). */
public record FragmentMove(String fragmentKey, String profileId) {
}
