package dev.tributary.profile.identity.model;

import java.util.List;

/** Profiles whose fragments joined one component: the oldest survives, the others become its aliases. */
public record Merge(String survivorId, List<String> mergedIds) {
}
