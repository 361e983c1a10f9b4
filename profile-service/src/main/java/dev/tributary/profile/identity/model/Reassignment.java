package dev.tributary.profile.identity.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Gives each recomputed component its profile id, keeping ids stable (ADR 0003): every existing profile is owned by
 * the component holding its anchor fragment, else by the one holding most of its fragments (the first component on a
 * tie); a component owning several profiles keeps the oldest and retires the others; one owning none gets a new id.
 */
public final class Reassignment {

    private Reassignment() {
    }

    /**
     * @param components     {@link Components#of} the subgraph
     * @param currentProfile the profile each fragment of the subgraph had before the batch, where it had one
     * @param profiles       those profiles, by id
     * @param unwritten      the batch's fragments, written later with their profile: never moved here
     * @param newId          the id of a profile to create
     */
    public static IdentityDecision decide(List<SortedSet<String>> components, Map<String, String> currentProfile,
                                          Map<String, KnownProfile> profiles, Set<String> unwritten,
                                          Supplier<String> newId) {
        Map<String, Integer> componentOf = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            for (String key : components.get(i)) {
                componentOf.put(key, i);
            }
        }
        Map<String, List<String>> keysOfProfile = new HashMap<>();
        currentProfile.forEach((key, pid) -> keysOfProfile.computeIfAbsent(pid, p -> new ArrayList<>()).add(key));
        List<KnownProfile> byAge = profiles.values().stream().sorted(Comparator.comparingLong(KnownProfile::seq)).toList();

        Map<String, Integer> owner = new HashMap<>();
        Map<Integer, List<KnownProfile>> ownedBy = new HashMap<>();
        for (KnownProfile profile : byAge) {
            Integer c = owner(profile, componentOf, keysOfProfile.getOrDefault(profile.id(), List.of()));
            if (c != null) {
                owner.put(profile.id(), c);
                ownedBy.computeIfAbsent(c, k -> new ArrayList<>()).add(profile);
            }
        }

        List<Assignment> assignments = new ArrayList<>(components.size());
        Map<String, String> profileOf = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            SortedSet<String> component = components.get(i);
            List<KnownProfile> owned = ownedBy.getOrDefault(i, List.of());
            Assignment assignment;
            if (owned.isEmpty()) {
                assignment = new Assignment(component, newId.get(), true, List.of(), false);
            } else {
                KnownProfile survivor = owned.get(0);
                List<String> merged = owned.subList(1, owned.size()).stream().map(KnownProfile::id).toList();
                assignment = new Assignment(component, survivor.id(), false, merged, !component.contains(survivor.anchorKey()));
            }
            assignments.add(assignment);
            component.forEach(key -> profileOf.put(key, assignment.profileId()));
        }

        // splits: a profile whose fragments now sit in components it does not own
        List<Split> splits = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (KnownProfile profile : byAge) {
            Integer own = owner.get(profile.id());
            if (own == null) {
                deleted.add(profile.id());
                continue;
            }
            Set<String> others = new TreeSet<>();
            for (String key : keysOfProfile.getOrDefault(profile.id(), List.of())) {
                Integer c = componentOf.get(key);
                if (c != null && !c.equals(own)) {
                    others.add(assignments.get(c).profileId());
                }
            }
            if (!others.isEmpty()) {
                splits.add(new Split(profile.id(), List.copyOf(others)));
            }
        }
        return new IdentityDecision(assignments, splits, deleted, profileOf, moves(currentProfile, profileOf, unwritten));
    }

    /** The component that keeps a profile's id: the anchor's, else the one holding most of its fragments, or none. */
    static Integer owner(KnownProfile profile, Map<String, Integer> componentOf, List<String> keys) {
        Integer byAnchor = componentOf.get(profile.anchorKey());
        if (byAnchor != null) {
            return byAnchor;
        }
        Map<Integer, Integer> sizes = new HashMap<>();
        for (String key : keys) {
            Integer c = componentOf.get(key);
            if (c != null) {
                sizes.merge(c, 1, Integer::sum);
            }
        }
        return sizes.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(null);
    }

    private static List<FragmentMove> moves(Map<String, String> currentProfile, Map<String, String> profileOf,
                                            Set<String> unwritten) {
        List<FragmentMove> moves = new ArrayList<>();
        profileOf.forEach((key, id) -> {
            if (!unwritten.contains(key) && !id.equals(currentProfile.get(key))) {
                moves.add(new FragmentMove(key, id));
            }
        });
        currentProfile.forEach((key, id) -> {
            if (!unwritten.contains(key) && !profileOf.containsKey(key)) {
                moves.add(new FragmentMove(key, null));
            }
        });
        return moves;
    }
}
