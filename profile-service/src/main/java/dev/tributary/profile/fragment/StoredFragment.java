package dev.tributary.profile.fragment;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** The stored version of a fragment, before a change is applied. */
public record StoredFragment(String sourceKey, String xdmClass, Instant lastUpdated, String contentHash,
                             boolean deleted, String profileId, JsonNode data) {
}
