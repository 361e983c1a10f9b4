package dev.tributary.profile.identity.model;

/**
 * A unified profile as stored before the batch.
 *
 * @param anchorKey the fragment whose component keeps the id on a split
 * @param seq       creation order: on a merge the oldest id survives
 */
public record KnownProfile(String id, String anchorKey, long seq) {
}
