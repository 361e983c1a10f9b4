package dev.tributary.profile.identity.model;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Reassignment#decide} decided for the recomputed components of one entity type: the store saves it, the
 * batch announces it.
 *
 * @param assignments one a component, in component order
 * @param splits      profiles that kept their id while some of their fragments went to other components
 * @param deleted     profiles left without a live fragment
 * @param profileOf   the profile of every live fragment of the components, by source key
 * @param moves       stored fragments outside the batch whose profile changes
 */
public record IdentityDecision(List<Assignment> assignments, List<Split> splits, List<String> deleted,
                               Map<String, String> profileOf, List<FragmentMove> moves) {

    /** Nothing recomputed: the batch changed no identity link. */
    public static final IdentityDecision NONE = new IdentityDecision(List.of(), List.of(), List.of(), Map.of(), List.of());

    /** The ids of the recomputed components, in component order. */
    public Set<String> profiles() {
        Set<String> ids = new LinkedHashSet<>();
        assignments.forEach(a -> ids.add(a.profileId()));
        return ids;
    }

    /** The profiles to create, in creation order, with their anchor fragment. */
    public Map<String, String> created() {
        Map<String, String> created = new LinkedHashMap<>();
        assignments.stream().filter(Assignment::created).forEach(a -> created.put(a.profileId(), a.anchorKey()));
        return created;
    }

    public List<Merge> merges() {
        return assignments.stream().filter(a -> !a.mergedIds().isEmpty())
                .map(a -> new Merge(a.profileId(), a.mergedIds())).toList();
    }

    /** Kept profiles whose anchor fragment left them. */
    public List<Assignment> anchorMoves() {
        return assignments.stream().filter(Assignment::anchorMoved).toList();
    }
}
